package org.filtermx.domain.model.dmarc;

/**
 * What the reports of a period say about one source address sending as a domain: messages in all,
 * and how many of them passed aligned DKIM, aligned SPF, and DMARC (either).
 */
public record SourceSummary(
        String sourceIp, long messages, long dkimPass, long spfPass, long dmarcPass) {

    /** Whether every message from this source passed DMARC. */
    public boolean aligned() {
        return messages > 0 && dmarcPass == messages;
    }
}
