package org.filtermx.infrastructure.filter.auth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DmarcEvaluatorTest {

    private static final SpfOutcome SPF_FAIL =
            new SpfOutcome(SpfResult.FAIL, "spoofer.test", false, "-all");

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private int percentile = 0;
    private final DmarcEvaluator evaluator = new DmarcEvaluator(dns.lookup(), () -> percentile);

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private static AuthorDomain from(String... values) {
        List<HeaderField> headers =
                Arrays.stream(values).map(v -> new HeaderField("From", v)).toList();
        return AuthorDomain.of(new ParsedMessage(headers, "", "", List.of(), 1, 0, List.of()));
    }

    private static SpfOutcome spfPass(String domain) {
        return new SpfOutcome(SpfResult.PASS, domain, false, "ip4:192.0.2.0/24");
    }

    private static DkimOutcome dkimPass(String domain) {
        return new DkimOutcome(DkimOutcome.Status.PASS, domain, "sel", false, "");
    }

    private String evaluate(AuthorDomain author, SpfOutcome spf, DkimOutcome... dkim) {
        DmarcOutcome outcome =
                evaluator.evaluate(
                        author, spf, List.of(dkim), Deadline.after(Duration.ofSeconds(2)));
        return DmarcSettings.DEFAULTS.reason(outcome).toString();
    }

    @Test
    void passesOnSpfOfARelaxedlyAlignedMailFrom() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject");

        assertThat(evaluate(from("Alice <alice@example.test>"), spfPass("bounce.example.test")))
                .isEqualTo("DMARC_PASS -0.1 (example.test: spf bounce.example.test)");
    }

    @Test
    void requiresExactSpfDomainUnderStrictAlignment() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; aspf=s");

        assertThat(evaluate(from("alice@example.test"), spfPass("bounce.example.test")))
                .isEqualTo("DMARC_FAIL_REJECT +6.0 (example.test: p=reject)");
    }

    @Test
    void passesOnAnAlignedDkimSignature() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; adkim=r");

        assertThat(evaluate(from("alice@example.test"), SPF_FAIL, dkimPass("mail.example.test")))
                .isEqualTo("DMARC_PASS -0.1 (example.test: dkim d=mail.example.test)");
    }

    @Test
    void ignoresWeakOrUnalignedSignatures() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=quarantine; adkim=s");
        DkimOutcome weak =
                new DkimOutcome(DkimOutcome.Status.PASS, "example.test", "s", true, "rsa-sha1");

        assertThat(
                        evaluate(
                                from("alice@example.test"),
                                SPF_FAIL,
                                weak,
                                dkimPass("mail.example.test")))
                .isEqualTo("DMARC_FAIL_QUARANTINE +3.0 (example.test: p=quarantine)");
    }

    @Test
    void scoresAMonitoringPolicyFailureLightly() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=none; rua=mailto:d@example.test");

        assertThat(evaluate(from("alice@example.test"), SPF_FAIL))
                .isEqualTo("DMARC_FAIL_NONE +0.5 (example.test: p=none)");
    }

    @Test
    void appliesTheMilderPolicyOutsideThePctSample() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; pct=30");

        percentile = 29;
        assertThat(evaluate(from("alice@example.test"), SPF_FAIL)).startsWith("DMARC_FAIL_REJECT");
        percentile = 30;
        assertThat(evaluate(from("alice@example.test"), SPF_FAIL))
                .isEqualTo(
                        "DMARC_FAIL_QUARANTINE +3.0 (example.test: p=reject, pct=30 sampled out)");
    }

    @Test
    void fallsBackToTheOrganizationalDomainAndItsSubdomainPolicy() {
        dns.txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine");

        assertThat(evaluate(from("news@mail.example.co.uk"), SPF_FAIL))
                .isEqualTo("DMARC_FAIL_QUARANTINE +3.0 (mail.example.co.uk: sp=quarantine)");
        assertThat(dns.questions())
                .containsExactly("_dmarc.mail.example.co.uk TXT", "_dmarc.example.co.uk TXT");
    }

    @Test
    void appliesNoPolicyWithoutOrWithSeveralRecords() {
        dns.txt("_dmarc.two.test", "v=DMARC1; p=reject").txt("_dmarc.two.test", "v=DMARC1; p=none");
        dns.txt("_dmarc.other.test", "v=spf1 -all");

        assertThat(evaluate(from("a@none.test"), SPF_FAIL)).startsWith("DMARC_NONE +0.0");
        assertThat(evaluate(from("a@two.test"), SPF_FAIL)).startsWith("DMARC_NONE +0.0");
        assertThat(evaluate(from("a@other.test"), SPF_FAIL)).startsWith("DMARC_NONE +0.0");
    }

    @Test
    void readsABadPolicyAsNoneOnlyWhenReportsAreWanted() {
        dns.txt("_dmarc.rua.test", "v=DMARC1; p=block; rua=mailto:d@rua.test");
        dns.txt("_dmarc.norua.test", "v=DMARC1; p=block");

        assertThat(evaluate(from("a@rua.test"), SPF_FAIL)).startsWith("DMARC_FAIL_NONE");
        assertThat(evaluate(from("a@norua.test"), SPF_FAIL)).startsWith("DMARC_NONE");
    }

    @Test
    void givesTemperrorWhenThePolicyCannotBeFetched() {
        dns.servfail("_dmarc.example.test");

        assertThat(evaluate(from("a@example.test"), SPF_FAIL)).startsWith("DMARC_TEMPERROR +0.0");
    }

    @Test
    void refusesMessagesWithoutExactlyOneAuthor() {
        assertThat(evaluate(from(), SPF_FAIL))
                .isEqualTo("DMARC_FROM_INVALID +1.0 (0 From header fields)");
        assertThat(evaluate(from("a@example.test", "b@example.test"), SPF_FAIL))
                .isEqualTo("DMARC_FROM_INVALID +1.0 (2 From header fields)");
        assertThat(evaluate(from("a@example.test, b@other.test"), SPF_FAIL))
                .isEqualTo("DMARC_FROM_INVALID +1.0 (2 addresses in From)");
        assertThat(evaluate(from("undisclosed-recipients:;"), SPF_FAIL))
                .isEqualTo("DMARC_FROM_INVALID +1.0 (0 addresses in From)");
    }
}
