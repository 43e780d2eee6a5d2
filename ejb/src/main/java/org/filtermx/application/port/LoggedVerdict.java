package org.filtermx.application.port;

/**
 * What the message log keeps of one verdict that the tester can re-apply: the total score and which
 * decisions were forced regardless of the score (malware, list matches), read from the stored
 * reasons ({@code VIRUS_FOUND +100.0 (..)}, {@code SENDER_ALLOWLISTED +0.0 (..)}, ...).
 *
 * @param score the stored total score, including the +100 of a block-list match
 * @param sender the envelope sender, lower-case (null when no proposed list entry needs it)
 */
public record LoggedVerdict(
        long id,
        String domain,
        double score,
        boolean malware,
        boolean senderAllowed,
        boolean recipientAllowed,
        boolean blocked,
        String sender) {

    /** Reason rule names whose presence the log query reports as flags. */
    public static final String MALWARE = "VIRUS_FOUND";

    public static final String SENDER_ALLOWED = "SENDER_ALLOWLISTED";
    public static final String RECIPIENT_ALLOWED = "RECIPIENT_ALLOWLISTED";
    public static final String BLOCKED = "BLOCKLISTED";

    /** Flags as bits, in the order the log query computes them. */
    public static final int MALWARE_BIT = 1;

    public static final int SENDER_ALLOWED_BIT = 2;
    public static final int RECIPIENT_ALLOWED_BIT = 4;
    public static final int BLOCKED_BIT = 8;

    /** Set by the log query on rows without a verdict to re-apply. */
    public static final int NOT_JUDGED_BIT = 16;

    public static LoggedVerdict of(long id, String domain, double score, int flags, String sender) {
        return new LoggedVerdict(
                id,
                domain,
                score,
                (flags & MALWARE_BIT) != 0,
                (flags & SENDER_ALLOWED_BIT) != 0,
                (flags & RECIPIENT_ALLOWED_BIT) != 0,
                (flags & BLOCKED_BIT) != 0,
                sender);
    }

    /** The flags of a stored reason summary, as the log query computes them in SQL. */
    public static int flagsOf(String reasons) {
        if (reasons == null) {
            return 0;
        }
        return (reasons.contains(MALWARE) ? MALWARE_BIT : 0)
                | (reasons.contains(SENDER_ALLOWED) ? SENDER_ALLOWED_BIT : 0)
                | (reasons.contains(RECIPIENT_ALLOWED) ? RECIPIENT_ALLOWED_BIT : 0)
                | (reasons.contains(BLOCKED) ? BLOCKED_BIT : 0);
    }
}
