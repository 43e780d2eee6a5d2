package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * What recipient discovery learned of a hosted domain's real addresses, and what applying it as the
 * local recipients list would change, so that the owner reviews the risk before mail to unknown
 * addresses is refused at RCPT.
 *
 * @param domain the hosted domain (main name)
 * @param mode {@code merge} (the list becomes the current list and the candidates) or {@code
 *     replace} (the list becomes the candidates)
 * @param etag names exactly this view: an apply with another etag is refused ({@link Conflict})
 * @param refusesUnknownRecipients whether the domain refuses unknown recipients at RCPT now
 * @param currentList the local recipients list now (local parts)
 * @param candidates the learned addresses with their evidence, by local part
 * @param resultingList the list an apply would set
 * @param added local parts the apply would add to the list
 * @param removed local parts the apply would take off the list (replace mode only)
 * @param recentDays the window of {@code wouldRefuse}
 * @param wouldRefuseCount how many addresses received mail in the window but are not in the
 *     resulting list: mail to them would be refused with 550 5.1.1
 * @param wouldRefuseSample the busiest of them (at most {@value #SAMPLE})
 */
public record DiscoveredRecipients(
        String domain,
        String mode,
        String etag,
        boolean refusesUnknownRecipients,
        List<String> currentList,
        List<Candidate> candidates,
        List<String> resultingList,
        List<String> added,
        List<String> removed,
        int recentDays,
        int wouldRefuseCount,
        List<Recipient> wouldRefuseSample) {

    /** The most addresses shown as a sample of what would be refused. */
    public static final int SAMPLE = 20;

    /**
     * One learned address.
     *
     * @param address local part @ domain
     * @param localPart what goes on the list
     * @param evidence why it is believed to be real, one entry per kind
     * @param receivedRecently messages it received in the window
     * @param listed whether it is on the local recipients list now
     */
    public record Candidate(
            String address,
            String localPart,
            List<Evidence> evidence,
            long receivedRecently,
            boolean listed) {}

    /**
     * One kind of evidence: {@code sender} (sent through the gateway), {@code reply} (an outgoing
     * message answered mail delivered to it), {@code list} (on the local recipients list) or {@code
     * user} (an email user). Panel evidence has no dates.
     */
    public record Evidence(String source, Instant firstSeen, Instant lastSeen, long count) {}

    /** An address that received mail recently, with how many messages. */
    public record Recipient(String address, long messages) {}
}
