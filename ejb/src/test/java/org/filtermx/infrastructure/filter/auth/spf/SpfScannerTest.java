package org.filtermx.infrastructure.filter.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.TestMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpfScannerTest {

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final SpfScanner scanner = new SpfScanner(dns.lookup(), SpfSettings.DEFAULTS);

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private Reason scan(String clientIp, String reversePath) {
        List<Reason> reasons =
                scanner.scan(TestMessage.envelope(clientIp, "mail.client.test", reversePath))
                        .reasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }

    @Test
    void passesAClientInsideAnIp4Block() {
        dns.txt("example.test", "v=spf1 ip4:192.0.2.0/24 -all");

        Reason reason = scan("192.0.2.77", "alice@example.test");

        assertThat(reason.toString()).isEqualTo("SPF_PASS -0.1 (example.test: ip4:192.0.2.0/24)");
    }

    @Test
    void failsAClientOutsideTheRecordEndingInDashAll() {
        dns.txt("example.test", "v=spf1 ip4:192.0.2.0/24 -all");

        Reason reason = scan("198.51.100.1", "alice@example.test");

        assertThat(reason.toString()).isEqualTo("SPF_FAIL +3.5 (example.test: -all)");
    }

    @Test
    void softfailsAndNeutralsByQualifier() {
        dns.txt("soft.test", "v=spf1 ~all").txt("neutral.test", "v=spf1 ip4:192.0.2.1");

        assertThat(scan("198.51.100.1", "a@soft.test").rule()).isEqualTo("SPF_SOFTFAIL");
        assertThat(scan("198.51.100.1", "a@soft.test").score()).isEqualTo(1.0);
        assertThat(scan("198.51.100.1", "a@neutral.test").rule()).isEqualTo("SPF_NEUTRAL");
    }

    @Test
    void givesNoneWithoutAnSpfRecordOrWithoutTheDomain() {
        dns.txt("plain.test", "google-site-verification=abc").nxdomain("gone.test");

        assertThat(scan("192.0.2.1", "a@plain.test").rule()).isEqualTo("SPF_NONE");
        assertThat(scan("192.0.2.1", "a@gone.test").rule()).isEqualTo("SPF_NONE");
        assertThat(scan("192.0.2.1", "a@localhost").rule()).isEqualTo("SPF_NONE");
    }

    @Test
    void givesPermerrorForTwoRecordsOrBadSyntax() {
        dns.txt("two.test", "v=spf1 -all")
                .txt("two.test", "v=spf1 +all")
                .txt("bad.test", "v=spf1 ip4:192.0.2.1 foo:bar -all")
                .txt("cidr.test", "v=spf1 ip4:192.0.2.0/33 -all");

        Reason two = scan("192.0.2.1", "a@two.test");

        assertThat(two.rule()).isEqualTo("SPF_PERMERROR");
        assertThat(two.score()).isEqualTo(0.5);
        assertThat(scan("192.0.2.1", "a@bad.test").rule()).isEqualTo("SPF_PERMERROR");
        assertThat(scan("192.0.2.1", "a@cidr.test").rule()).isEqualTo("SPF_PERMERROR");
    }

    @Test
    void reportsSyntaxErrorsEvenAfterTheMatchingTerm() {
        dns.txt("late.test", "v=spf1 +all ip4:not-an-address");

        assertThat(scan("192.0.2.1", "a@late.test").rule()).isEqualTo("SPF_PERMERROR");
    }

    @Test
    void followsIncludeOnlyForPass() {
        dns.txt("example.test", "v=spf1 include:_spf.provider.test ~all")
                .txt("_spf.provider.test", "v=spf1 ip4:203.0.113.0/24 -all");

        assertThat(scan("203.0.113.9", "a@example.test").rule()).isEqualTo("SPF_PASS");
        // The include's -all does not match; evaluation continues to ~all.
        assertThat(scan("192.0.2.1", "a@example.test").rule()).isEqualTo("SPF_SOFTFAIL");
    }

    @Test
    void treatsIncludeOfDomainWithoutRecordAsPermerror() {
        dns.txt("example.test", "v=spf1 include:nothing.test -all");

        assertThat(scan("192.0.2.1", "a@example.test").rule()).isEqualTo("SPF_PERMERROR");
    }

    @Test
    void followsRedirectWhenNothingMatches() {
        dns.txt("example.test", "v=spf1 ip4:192.0.2.1 redirect=_spf.example.test")
                .txt("_spf.example.test", "v=spf1 ip4:203.0.113.5 -all");

        assertThat(scan("203.0.113.5", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("198.51.100.1", "a@example.test").rule()).isEqualTo("SPF_FAIL");
    }

    @Test
    void matchesAAndMxWithCidrLengths() {
        dns.txt("example.test", "v=spf1 a/28 mx -all")
                .a("example.test", "192.0.2.16")
                .mx("example.test", 10, "mx1.example.test")
                .a("mx1.example.test", "198.51.100.25");

        assertThat(scan("192.0.2.30", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("198.51.100.25", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("192.0.2.40", "a@example.test").rule()).isEqualTo("SPF_FAIL");
    }

    @Test
    void matchesIpv6ClientsOnlyAgainstIpv6Networks() {
        dns.txt(
                        "example.test",
                        "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:v6.example.test//64 -all")
                .aaaa("v6.example.test", "2001:db8:ffff:1::1");

        assertThat(scan("2001:db8::25", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("2001:db8:ffff:1::99", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("2001:db9::1", "a@example.test").rule()).isEqualTo("SPF_FAIL");
        assertThat(scan("::ffff:192.0.2.3", "a@example.test").rule()).isEqualTo("SPF_PASS");
    }

    @Test
    void expandsMacrosInExists() {
        dns.txt("example.test", "v=spf1 exists:%{ir}.%{l1r+}._spf.%{d} -all")
                .a("1.2.0.192.alice._spf.example.test", "127.0.0.2");

        assertThat(scan("192.0.2.1", "alice+news@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("192.0.2.1", "bob@example.test").rule()).isEqualTo("SPF_FAIL");
    }

    @Test
    void matchesPtrOnlyForAValidatedName() {
        dns.txt("example.test", "v=spf1 ptr -all")
                .ptr("192.0.2.10", "host.example.test")
                .a("host.example.test", "192.0.2.10")
                .ptr("192.0.2.11", "liar.example.test");

        assertThat(scan("192.0.2.10", "a@example.test").rule()).isEqualTo("SPF_PASS");
        assertThat(scan("192.0.2.11", "a@example.test").rule()).isEqualTo("SPF_FAIL");
    }

    @Test
    void stopsAfterTenDnsLookups() {
        for (int i = 0; i < 11; i++) {
            dns.txt("n" + i + ".example.test", "v=spf1 include:n" + (i + 1) + ".example.test");
        }
        dns.txt("n11.example.test", "v=spf1 +all");

        Reason reason = scan("192.0.2.1", "a@n0.example.test");

        assertThat(reason.rule()).isEqualTo("SPF_PERMERROR");
        assertThat(reason.detail()).contains("more than 10 DNS lookups");
    }

    @Test
    void allowsTenDnsLookups() {
        for (int i = 0; i < 10; i++) {
            dns.txt("n" + i + ".example.test", "v=spf1 include:n" + (i + 1) + ".example.test");
        }
        dns.txt("n10.example.test", "v=spf1 +all");

        assertThat(scan("192.0.2.1", "a@n0.example.test").rule()).isEqualTo("SPF_PASS");
    }

    @Test
    void stopsAfterTwoVoidLookups() {
        dns.txt(
                "example.test",
                "v=spf1 a:x1.example.test a:x2.example.test a:x3.example.test +all");

        Reason reason = scan("192.0.2.1", "a@example.test");

        assertThat(reason.rule()).isEqualTo("SPF_PERMERROR");
        assertThat(reason.detail()).contains("void lookups");
    }

    @Test
    void givesTemperrorForServfail() {
        dns.servfail("example.test");

        Reason reason = scan("192.0.2.1", "a@example.test");

        assertThat(reason.rule()).isEqualTo("SPF_TEMPERROR");
        assertThat(reason.score()).isZero();
    }

    @Test
    void givesTemperrorWithinTheBudgetWhenTheNameServerIsSilent() {
        dns.txt("example.test", "v=spf1 include:slow.test -all").silent("slow.test");
        SpfSettings quick =
                new SpfSettings(Duration.ofMillis(700), -0.1, 3.5, 1.0, 0.0, 0.0, 0.5, 0.0);
        SpfScanner impatient = new SpfScanner(dns.lookup(Duration.ofMillis(400)), quick);

        long start = System.nanoTime();
        List<Reason> reasons =
                impatient
                        .scan(TestMessage.envelope("192.0.2.1", "h.test", "a@example.test"))
                        .reasons();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reasons).extracting(Reason::rule).containsExactly("SPF_TEMPERROR");
        assertThat(took).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void checksTheHeloDomainForTheNullSender() {
        dns.txt("mail.client.test", "v=spf1 ip4:192.0.2.8 -all");

        Reason reason = scan("192.0.2.8", "");

        assertThat(reason.toString())
                .isEqualTo("SPF_PASS -0.1 (helo mail.client.test: ip4:192.0.2.8)");
    }
}
