package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsClientTest {

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final DnsClient client = dns.lookup(Duration.ofMillis(500));

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void keepsAnAnswerSoTheSameQuestionIsAskedOnce() {
        dns.txt("example.test", "v=spf1 -all");

        client.txt("example.test", Deadline.after(Duration.ofSeconds(2)));
        DnsAnswer<String> again = client.txt("EXAMPLE.test", Deadline.after(Duration.ofSeconds(2)));

        assertThat(again.values()).containsExactly("v=spf1 -all");
        assertThat(dns.questions()).containsExactly("example.test TXT");
    }

    @Test
    void mxLookupsForDeliveryShareTheCacheOfTheScanners() throws Exception {
        dns.mx("example.test", 10, "mx.example.test").a("mx.example.test", "192.0.2.1");
        MxResolver resolver = new MxResolver(client, Duration.ofSeconds(2));

        client.mx("example.test", Deadline.after(Duration.ofSeconds(2)));
        resolver.resolveHosts("example.test");

        assertThat(dns.questions())
                .containsExactly("example.test MX", "mx.example.test A", "mx.example.test AAAA");
    }

    @Test
    void aFreshLookupAsksAgainAndReplacesTheKeptAnswer() {
        assertThat(
                        client.txt(
                                        "_filtermx-challenge.example.test",
                                        Deadline.after(Duration.ofSeconds(2)))
                                .values())
                .isEmpty();
        dns.txt("_filtermx-challenge.example.test", "filtermx-verification=abc");

        assertThat(
                        client.freshTxt(
                                        "_filtermx-challenge.example.test",
                                        Deadline.after(Duration.ofSeconds(2)))
                                .values())
                .containsExactly("filtermx-verification=abc");
        assertThat(
                        client.txt(
                                        "_filtermx-challenge.example.test",
                                        Deadline.after(Duration.ofSeconds(2)))
                                .values())
                .containsExactly("filtermx-verification=abc");
        assertThat(dns.questions()).hasSize(2);
    }

    @Test
    void aSilentServerIsATemporaryFailureWithinTheQueryTimeout() {
        dns.silent("slow.example.test");
        long start = System.nanoTime();

        DnsAnswer<String> answer =
                client.txt("slow.example.test", Deadline.after(Duration.ofSeconds(5)));

        assertThat(answer.temporary()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theNodeHasOneClientPerResolverSetting() {
        assertThat(DnsClient.shared(dns.address())).isSameAs(DnsClient.shared(" " + dns.address()));
    }

    @Test
    void namesUnderInvalidAreNotFoundWithoutAQuery() {
        dns.txt("sender.rehearsal.invalid", "v=spf1 +all");

        DnsAnswer<String> answer =
                client.txt("sender.rehearsal.invalid", Deadline.after(Duration.ofSeconds(2)));
        DnsAnswer<String> mx = client.mx("INVALID", Deadline.after(Duration.ofSeconds(2)));

        assertThat(answer.status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(mx.status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(dns.questions()).as("RFC 6761 section 6.4: never asked").isEmpty();
    }
}
