package org.filtermx.domain.model.dmarc;

/**
 * One {@code record} of an aggregate report (RFC 7489 appendix C): {@code count} messages from
 * {@code sourceIp} with one outcome. {@code dkimAligned} and {@code spfAligned} are {@code
 * policy_evaluated}'s {@code pass} or {@code fail} (DMARC passes when either passes); the results
 * are the first {@code auth_results} entry of each kind, null when absent.
 */
public record ReportRow(
        String sourceIp,
        long count,
        String disposition,
        String dkimAligned,
        String spfAligned,
        String headerFrom,
        String dkimDomain,
        String dkimResult,
        String spfDomain,
        String spfResult) {

    /** Whether these messages passed DMARC: an aligned DKIM or SPF pass (RFC 7489 section 4.2). */
    public boolean dmarcPass() {
        return "pass".equals(dkimAligned) || "pass".equals(spfAligned);
    }
}
