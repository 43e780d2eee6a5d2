package org.filtermx.application;

import java.util.List;

/**
 * A hosted domain's authentication posture (docs/customer-guide.md, "Authentication posture").
 *
 * @param score 0 to 100: how far the domain is on the way from no DMARC to p=reject with every
 *     source aligned and MTA-STS enforced
 * @param nextStep what to do next, in the customer's words
 * @param dmarc what the domain's DMARC record says now (as the gateway's resolver sees it)
 * @param mtaSts the MTA-STS policy the cluster hosts for the domain
 * @param records the DNS records to publish (zone-file style)
 * @param sources the sources that sent as the domain in the last 30 days, most messages first
 * @param unaligned the addresses of sources whose mail did not all pass DMARC
 */
public record Posture(
        String domain,
        int score,
        String nextStep,
        Dmarc dmarc,
        MtaSts mtaSts,
        List<String> records,
        List<Source> sources,
        List<String> unaligned,
        int reportDays) {

    /**
     * @param status ok, missing or unknown (DNS did not answer)
     * @param record the {@code v=DMARC1} record found, if any
     * @param policy its {@code p=} (none, quarantine, reject)
     * @param reportsHere whether its {@code rua=} includes the cluster's report address
     * @param reportAddress the cluster's report address
     */
    public record Dmarc(
            String status,
            String record,
            String policy,
            boolean reportsHere,
            String reportAddress) {}

    /**
     * @param mode testing, enforce or none; null while the cluster hosts no policy for the domain
     * @param policyId the id for the {@code _mta-sts} TXT record
     * @param policy the policy file as served
     * @param url where senders fetch it
     */
    public record MtaSts(String mode, String policyId, String policy, String url) {}

    /** Messages from one address in the period, and how many passed each check. */
    public record Source(
            String address,
            long messages,
            long dkimPass,
            long spfPass,
            long dmarcPass,
            boolean aligned) {}
}
