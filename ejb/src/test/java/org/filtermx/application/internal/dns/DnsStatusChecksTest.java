package org.filtermx.application.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.DnsStatus;
import org.filtermx.application.port.DnsRecords;
import org.filtermx.application.port.MailDnsSettings;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKey;
import org.junit.jupiter.api.Test;

class DnsStatusChecksTest {

    private final Map<String, DnsRecords.Answer<DnsRecords.Mx>> mx = new HashMap<>();
    private final Map<String, DnsRecords.Answer<String>> txt = new HashMap<>();
    private final Map<String, DnsRecords.Answer<String>> addresses = new HashMap<>();

    private final DnsStatusChecks checks =
            new DnsStatusChecks(
                    new DnsRecords() {
                        @Override
                        public Answer<Mx> mx(String domain) {
                            return mx.getOrDefault(domain, nx());
                        }

                        @Override
                        public Answer<String> txt(String name) {
                            return txt.getOrDefault(name, nx());
                        }

                        @Override
                        public Answer<String> addresses(String host) {
                            return addresses.getOrDefault(host, nx());
                        }
                    },
                    new MailDnsSettings() {
                        @Override
                        public List<MxHost> mxHosts() {
                            return List.of(
                                    new MxHost("mx1.cluster.example", 10),
                                    new MxHost("mx2.cluster.example", 20));
                        }

                        @Override
                        public String spfInclude() {
                            return "spf.cluster.example";
                        }

                        @Override
                        public String deliveryHostname() {
                            return "out.cluster.example";
                        }
                    });

    @Test
    void rightMxRecordsAreOk() {
        mx.put("a.example", found(new DnsRecords.Mx("MX1.cluster.example.", 10), mx2(20)));
        assertThat(checks.mx("a.example").status()).isEqualTo(DnsStatus.OK);
    }

    @Test
    void aWrongPriorityAndAForeignHostAreWrongWithTheRecordsToPublish() {
        mx.put(
                "a.example",
                found(
                        new DnsRecords.Mx("mx1.cluster.example", 10),
                        mx2(30),
                        new DnsRecords.Mx("mail.other.example", 5)));
        DnsStatus.Check check = checks.mx("a.example");
        assertThat(check.status()).isEqualTo(DnsStatus.WRONG);
        assertThat(check.detail())
                .contains("mx2.cluster.example has priority 30 instead of 20")
                .contains("mail.other.example is not a host of this cluster");
        assertThat(check.records())
                .containsExactly(
                        "a.example. IN MX 10 mx1.cluster.example.",
                        "a.example. IN MX 20 mx2.cluster.example.");
    }

    @Test
    void noMxIsMissingAndAFailedLookupIsUnknown() {
        assertThat(checks.mx("none.example").status()).isEqualTo(DnsStatus.MISSING);
        mx.put("slow.example", new DnsRecords.Answer<>(DnsRecords.Status.FAILED, List.of(), "t"));
        assertThat(checks.mx("slow.example").status()).isEqualTo(DnsStatus.UNKNOWN);
    }

    @Test
    void spfWithTheIncludeIsOkOtherwiseTheRecordToPublishKeepsTheRest() {
        txt.put(
                "a.example",
                found("google-site-verification=x", "v=spf1 +include:SPF.cluster.example -all"));
        assertThat(checks.spf("a.example").status()).isEqualTo(DnsStatus.OK);

        txt.put("b.example", found("v=spf1 ip4:192.0.2.1 -all"));
        DnsStatus.Check wrong = checks.spf("b.example");
        assertThat(wrong.status()).isEqualTo(DnsStatus.WRONG);
        assertThat(wrong.records())
                .containsExactly(
                        "b.example. IN TXT \"v=spf1 include:spf.cluster.example ip4:192.0.2.1 -all\"");

        txt.put("c.example", found("v=spf1include:spf.cluster.example", "other"));
        DnsStatus.Check missing = checks.spf("c.example");
        assertThat(missing.status()).isEqualTo(DnsStatus.MISSING);
        assertThat(missing.records())
                .containsExactly("c.example. IN TXT \"v=spf1 include:spf.cluster.example ~all\"");

        txt.put("d.example", found("v=spf1 include:spf.cluster.example -all", "v=spf1 -all"));
        assertThat(checks.spf("d.example").status()).isEqualTo(DnsStatus.WRONG);
    }

    @Test
    void anIncludeThatOnlyStartsLikeTheClustersDoesNotCount() {
        assertThat(
                        DnsStatusChecks.includes(
                                "v=spf1 include:spf.cluster.example.evil -all",
                                "include:spf.cluster.example"))
                .isFalse();
    }

    @Test
    void theDkimCheckComparesThePublishedRecordWithTheActiveKey() {
        DkimKey key =
                new DkimKey(
                        1,
                        "a.example",
                        "s1",
                        DkimAlgorithm.ED25519_SHA256,
                        "AAAA",
                        true,
                        Instant.EPOCH);
        assertThat(checks.dkim("a.example", Optional.empty()).status())
                .isEqualTo(DnsStatus.MISSING);
        assertThat(checks.dkim("a.example", Optional.of(key)).status())
                .isEqualTo(DnsStatus.MISSING);
        txt.put("s1._domainkey.a.example", found("v=DKIM1;  k=ed25519; p=AAAA"));
        assertThat(checks.dkim("a.example", Optional.of(key)).status()).isEqualTo(DnsStatus.OK);
        txt.put("s1._domainkey.a.example", found("v=DKIM1; k=ed25519; p=BBBB"));
        DnsStatus.Check wrong = checks.dkim("a.example", Optional.of(key));
        assertThat(wrong.status()).isEqualTo(DnsStatus.WRONG);
        assertThat(wrong.records())
                .containsExactly("s1._domainkey.a.example. IN TXT \"v=DKIM1; k=ed25519; p=AAAA\"");
    }

    @Test
    void theDestinationIsAdviceWithTheDeliveryAddressesNeverAProbe() {
        addresses.put("out.cluster.example", found("192.0.2.7", "2001:db8::7"));
        DnsStatus.Check check = checks.destination();
        assertThat(check.status()).isEqualTo(DnsStatus.NOT_CHECKED);
        assertThat(check.records()).containsExactly("192.0.2.7", "2001:db8::7");
        assertThat(check.detail()).contains("not checked").contains("out.cluster.example");
    }

    @Test
    void atMostTwentyRecordsAreExamined() {
        DnsRecords.Mx[] many = new DnsRecords.Mx[500];
        for (int i = 0; i < many.length; i++) {
            many[i] = new DnsRecords.Mx("mx" + i + ".other.example", i);
        }
        DnsStatus.Check check = checks.mx(addMx("many.example", many));
        assertThat(check.found()).hasSize(DnsRecords.MAX_RECORDS);
    }

    private String addMx(String domain, DnsRecords.Mx... records) {
        mx.put(domain, found(records));
        return domain;
    }

    private static DnsRecords.Mx mx2(int preference) {
        return new DnsRecords.Mx("mx2.cluster.example", preference);
    }

    @SafeVarargs
    private static <T> DnsRecords.Answer<T> found(T... values) {
        return new DnsRecords.Answer<>(DnsRecords.Status.FOUND, List.of(values), null);
    }

    private static <T> DnsRecords.Answer<T> nx() {
        return new DnsRecords.Answer<>(DnsRecords.Status.NO_SUCH_NAME, List.of(), "no such name");
    }
}
