package org.filtermx.infrastructure.filter.auth.spf;

import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.DnsLookup;

/**
 * The {@code spf} scanner: one SPF_* reason per message. DNS trouble or a spent time budget gives
 * {@code SPF_TEMPERROR} with its (zero) score instead of {@code ScannerUnavailable}, so a slow name
 * server of some sender never delays mail.
 */
public final class SpfScanner implements Scanner {

    private final SpfCheck check;
    private final SpfSettings settings;

    public SpfScanner(DnsLookup dns, SpfSettings settings) {
        this.check = new SpfCheck(dns, settings.timeBudget());
        this.settings = settings;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        return ScanResult.of(
                settings.reason(
                        check.check(message.clientIp(), message.helo(), message.reversePath())));
    }
}
