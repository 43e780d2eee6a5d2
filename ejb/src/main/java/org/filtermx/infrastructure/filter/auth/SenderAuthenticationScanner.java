package org.filtermx.infrastructure.filter.auth;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.dkim.DkimSettings;
import org.filtermx.infrastructure.filter.auth.dkim.DkimVerifier;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcEvaluator;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcOutcome;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcSettings;
import org.filtermx.infrastructure.filter.auth.spf.SpfCheck;
import org.filtermx.infrastructure.filter.auth.spf.SpfOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfSettings;

/**
 * The {@code auth} scanner: SPF, DKIM and DMARC in one pass, emitting the SPF_*, DKIM_* and DMARC_*
 * reasons together, so DMARC reuses the other two results instead of asking DNS again. Configure it
 * instead of the {@code spf} and {@code dkim} scanners, not beside them, or SPF and DKIM would
 * score twice.
 *
 * <p>Each stage has its own time budget. A DNS failure or a spent budget yields that stage's {@code
 * *_TEMPERROR} reason with its (zero) score and never {@code ScannerUnavailable}: a slow name
 * server of some sender must not delay or refuse mail.
 */
public final class SenderAuthenticationScanner implements Scanner {

    private final SpfCheck spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private final SpfSettings spfSettings;
    private final DkimSettings dkimSettings;
    private final DmarcSettings dmarcSettings;

    public SenderAuthenticationScanner(
            DnsLookup dns, SpfSettings spf, DkimSettings dkim, DmarcSettings dmarc) {
        this(dns, spf, dkim, dmarc, new DmarcEvaluator(dns));
    }

    SenderAuthenticationScanner(
            DnsLookup dns,
            SpfSettings spf,
            DkimSettings dkim,
            DmarcSettings dmarc,
            DmarcEvaluator evaluator) {
        this.spf = new SpfCheck(dns, spf.timeBudget());
        this.dkim = new DkimVerifier(dns, dkim.maxSignatures());
        this.dmarc = evaluator;
        this.spfSettings = spf;
        this.dkimSettings = dkim;
        this.dmarcSettings = dmarc;
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        AuthenticationResults results = authenticate(message);
        AuthorDomain author = AuthorDomain.of(message.parsed());
        List<Reason> reasons = new ArrayList<>();
        reasons.add(spfSettings.reason(results.spf()));
        reasons.addAll(dkimSettings.reasons(results.dkim(), author));
        reasons.add(dmarcSettings.reason(results.dmarc()));
        return new ScanResult(reasons, false);
    }

    /** The three verdicts, for callers that want more than the scored reasons. */
    public AuthenticationResults authenticate(MessageUnderScan message) {
        SpfOutcome spfOutcome =
                spf.check(message.clientIp(), message.helo(), message.reversePath());
        List<DkimOutcome> signatures =
                dkim.verify(message.raw(), Deadline.after(dkimSettings.timeBudget()));
        DmarcOutcome dmarcOutcome =
                dmarc.evaluate(
                        AuthorDomain.of(message.parsed()),
                        spfOutcome,
                        signatures,
                        Deadline.after(dmarcSettings.timeBudget()));
        return new AuthenticationResults(spfOutcome, signatures, dmarcOutcome);
    }
}
