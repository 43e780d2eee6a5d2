package org.filtermx.domain.model.filter;

/**
 * One check in the filter pipeline: the built-in ones run in the JVM, external engines (rspamd,
 * clamd, spamd) behind the same contract. A scanner must bound its own time and memory; it throws
 * {@link ScannerUnavailable} when it cannot give an answer (engine down, time budget spent), and
 * the domain's policy then decides between a 4xx and carrying on.
 */
public interface Scanner {

    /** Short lower-case name used in settings and logs, e.g. {@code spf}, {@code clamav}. */
    String name();

    ScanResult scan(MessageUnderScan message) throws ScannerUnavailable;

    /**
     * What of the recipient domain this scanner's result depends on: a message for several domains
     * is scanned once per distinct value (ADR 0015). Most scanners look at the message alone and
     * answer the same for every domain.
     */
    default String variantFor(String recipientDomain) {
        return "";
    }
}
