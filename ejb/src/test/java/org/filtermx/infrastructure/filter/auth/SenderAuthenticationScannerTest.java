package org.filtermx.infrastructure.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.dkim.DkimSettings;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcOutcome;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcSettings;
import org.filtermx.infrastructure.filter.auth.spf.SpfResult;
import org.filtermx.infrastructure.filter.auth.spf.SpfSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SenderAuthenticationScannerTest {

    private static final String SPOOF =
            "From: CEO <ceo@bank.test>\nTo: clerk@filtermx.test\nSubject: wire now\n\nPay.\n";

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final SenderAuthenticationScanner scanner =
            new SenderAuthenticationScanner(
                    dns.lookup(),
                    SpfSettings.DEFAULTS,
                    DkimSettings.DEFAULTS,
                    DmarcSettings.DEFAULTS);

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void scoresASpoofOfARejectingDomainOnAllThreeChecks() {
        dns.txt("bank.test", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("_dmarc.bank.test", "v=DMARC1; p=reject");

        List<String> reasons =
                scanner
                        .scan(TestMessage.of("203.0.113.66", "x.test", "ceo@bank.test", SPOOF))
                        .reasons()
                        .stream()
                        .map(Reason::toString)
                        .toList();

        assertThat(reasons)
                .containsExactly(
                        "SPF_FAIL +3.5 (bank.test: -all)",
                        "DKIM_NONE +0.0",
                        "DMARC_FAIL_REJECT +6.0 (bank.test: p=reject)");
    }

    @Test
    void passesDmarcOnSpfOfTheSameDomainAndAsksDnsOnce() {
        dns.txt("bank.test", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("_dmarc.bank.test", "v=DMARC1; p=reject");

        AuthenticationResults results =
                scanner.authenticate(
                        TestMessage.of("192.0.2.9", "mx.bank.test", "bounce@bank.test", SPOOF));

        assertThat(results.spf().result()).isEqualTo(SpfResult.PASS);
        assertThat(results.dkim()).isEmpty();
        assertThat(results.dmarc().result()).isEqualTo(DmarcOutcome.Result.PASS);
        assertThat(dns.questions()).containsExactly("bank.test TXT", "_dmarc.bank.test TXT");
    }

    @Test
    void treatsDnsTroubleAsTemperrorsWithoutDelayingMail() {
        dns.silent("bank.test").silent("_dmarc.bank.test");
        SpfSettings spf = new SpfSettings(Duration.ofMillis(500), -0.1, 3.5, 1.0, 0, 0, 0.5, 0);
        DmarcSettings dmarc = new DmarcSettings(Duration.ofMillis(500), -0.1, 6, 3, 0.5, 0, 1, 0);
        SenderAuthenticationScanner impatient =
                new SenderAuthenticationScanner(
                        dns.lookup(Duration.ofMillis(300)), spf, DkimSettings.DEFAULTS, dmarc);

        long start = System.nanoTime();
        List<Reason> reasons =
                impatient
                        .scan(TestMessage.of("203.0.113.66", "x.test", "ceo@bank.test", SPOOF))
                        .reasons();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(reasons)
                .extracting(Reason::rule)
                .containsExactly("SPF_TEMPERROR", "DKIM_NONE", "DMARC_TEMPERROR");
        assertThat(reasons).allSatisfy(r -> assertThat(r.score()).isZero());
    }

    @Test
    void exposesEveryDkimSignatureToDmarc() {
        AuthenticationResults results =
                scanner.authenticate(
                        TestMessage.of(
                                "203.0.113.66",
                                "x.test",
                                "",
                                "DKIM-Signature: v=1; a=rsa-sha256; d=bank.test; s=s; h=from;"
                                        + " bh=AA==; b=AA==\n"
                                        + SPOOF));

        assertThat(results.dkim())
                .extracting(DkimOutcome::status, DkimOutcome::domain)
                .containsExactly(tuple(DkimOutcome.Status.FAIL, "bank.test"));
        assertThat(results.spf().helo()).isTrue();
    }
}
