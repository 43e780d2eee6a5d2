package org.filtermx.infrastructure.filter.auth.dkim;

import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;

/**
 * The {@code dkim} scanner: DKIM_* reasons for the signatures a message carries. Key lookups that
 * fail or run out of the time budget give {@code DKIM_TEMPERROR} (zero score) rather than {@code
 * ScannerUnavailable}, so DNS trouble never delays mail.
 */
public final class DkimScanner implements Scanner {

    private final DkimVerifier verifier;
    private final DkimSettings settings;

    public DkimScanner(DnsLookup dns, DkimSettings settings) {
        this.verifier = new DkimVerifier(dns, settings.maxSignatures());
        this.settings = settings;
    }

    @Override
    public String name() {
        return "dkim";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        return new ScanResult(
                settings.reasons(
                        verifier.verify(message.raw(), Deadline.after(settings.timeBudget())),
                        AuthorDomain.of(message.parsed())),
                false);
    }
}
