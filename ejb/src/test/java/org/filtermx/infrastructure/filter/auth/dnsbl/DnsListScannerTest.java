package org.filtermx.infrastructure.filter.auth.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.TestMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsListScannerTest {

    private static final DnsListZone ZEN = DnsListZone.ipBlock("zen.rbl.test", 3.0);
    private static final DnsListZone DNSWL =
            new DnsListZone(
                    "list.dnswl.test", DnsListZone.Kind.IP_ALLOW, -2.0, Set.of("127.0.10.2"));
    private static final DnsListZone DBL =
            new DnsListZone("dbl.rbl.test", DnsListZone.Kind.DOMAIN_BLOCK, 2.5, Set.of());

    private final LoopbackDnsServer dns = new LoopbackDnsServer();

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private List<String> scan(DnsListSettings settings, String clientIp, String sender) {
        return new DnsListScanner(dns.lookup(), settings)
                        .scan(
                                TestMessage.of(
                                        clientIp, "h.test", sender, "From: x@from.test\n\nhi\n"))
                        .reasons()
                        .stream()
                        .map(Reason::toString)
                        .toList();
    }

    private static DnsListSettings zones(DnsListZone... zones) {
        return new DnsListSettings(List.of(zones), Duration.ofSeconds(2), 0.0);
    }

    @Test
    void queriesNothingByDefault() {
        assertThat(scan(DnsListSettings.DEFAULTS, "192.0.2.99", "a@b.test")).isEmpty();
        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void scoresAListedClientByReversedOctets() {
        dns.a("99.2.0.192.zen.rbl.test", "127.0.0.4");

        assertThat(scan(zones(ZEN), "192.0.2.99", "a@b.test"))
                .containsExactly(
                        "RBL_ZEN_RBL_TEST +3.0 (192.0.2.99 listed, zen.rbl.test returned"
                                + " 127.0.0.4)");
    }

    @Test
    void queriesIpv6ClientsByReversedNibbles() {
        dns.a(
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.rbl.test",
                "127.0.0.2");

        assertThat(scan(zones(ZEN), "2001:db8::1", "a@b.test"))
                .singleElement()
                .asString()
                .startsWith("RBL_ZEN_RBL_TEST +3.0");
    }

    @Test
    void scoresNothingForAnUnlistedClient() {
        assertThat(scan(zones(ZEN), "192.0.2.98", "a@b.test")).isEmpty();
        assertThat(dns.questions()).containsExactly("98.2.0.192.zen.rbl.test A");
    }

    @Test
    void ignoresErrorCodesAndAnswersOutsideTheLoopbackNet() {
        // Spamhaus answers 127.255.255.254 to queries from public resolvers.
        dns.a("1.2.0.192.zen.rbl.test", "127.255.255.254").a("2.2.0.192.zen.rbl.test", "192.0.2.1");

        assertThat(scan(zones(ZEN), "192.0.2.1", "a@b.test")).isEmpty();
        assertThat(scan(zones(ZEN), "192.0.2.2", "a@b.test")).isEmpty();
    }

    @Test
    void creditsAllowListedClientsOnlyForTheConfiguredCodes() {
        dns.a("5.2.0.192.list.dnswl.test", "127.0.10.2")
                .a("6.2.0.192.list.dnswl.test", "127.0.0.255");

        assertThat(scan(zones(DNSWL), "192.0.2.5", "a@b.test"))
                .containsExactly(
                        "DNSWL_LIST_DNSWL_TEST -2.0 (192.0.2.5 listed, list.dnswl.test returned"
                                + " 127.0.10.2)");
        assertThat(scan(zones(DNSWL), "192.0.2.6", "a@b.test")).isEmpty();
    }

    @Test
    void looksUpTheSenderDomainsInDomainLists() {
        dns.a("spammy.test.dbl.rbl.test", "127.0.1.2");

        assertThat(scan(zones(DBL), "192.0.2.1", "a@spammy.test"))
                .containsExactly(
                        "RBL_DBL_RBL_TEST +2.5 (spammy.test listed, dbl.rbl.test returned"
                                + " 127.0.1.2)");
        assertThat(dns.questions())
                .contains("spammy.test.dbl.rbl.test A", "from.test.dbl.rbl.test A");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.9",
                "192.168.1.1",
                "100.64.0.1",
                "169.254.1.1",
                "::1",
                "fd00::1",
                "fe80::1",
                "not-an-ip"
            })
    void neverSendsPrivateOrLoopbackAddressesOut(String clientIp) {
        scan(zones(ZEN, DNSWL), clientIp, "");

        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void reportsSilentZonesAsTemperrorWithinTheBudget() {
        dns.silent("9.2.0.192.dead.rbl.test").a("9.2.0.192.zen.rbl.test", "127.0.0.2");
        DnsListSettings settings =
                new DnsListSettings(
                        List.of(DnsListZone.ipBlock("dead.rbl.test", 1.0), ZEN),
                        Duration.ofMillis(800),
                        0.0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long start = System.nanoTime();
            List<Reason> reasons =
                    new DnsListScanner(dns.lookup(Duration.ofMillis(600)), settings, pool)
                            .scan(TestMessage.envelope("192.0.2.9", "h", ""))
                            .reasons();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(reasons)
                    .extracting(Reason::toString)
                    .containsExactly(
                            "RBL_ZEN_RBL_TEST +3.0 (192.0.2.9 listed, zen.rbl.test returned"
                                    + " 127.0.0.2)",
                            "RBL_TEMPERROR +0.0 (dead.rbl.test)");
        } finally {
            pool.shutdownNow();
        }
    }
}
