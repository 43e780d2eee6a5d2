package org.filtermx.application.port;

import org.filtermx.domain.model.message.VerdictFlags;

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
    public static final String MALWARE = VerdictFlags.MALWARE;

    public static final String SENDER_ALLOWED = VerdictFlags.SENDER_ALLOWED;
    public static final String RECIPIENT_ALLOWED = VerdictFlags.RECIPIENT_ALLOWED;
    public static final String BLOCKED = VerdictFlags.BLOCKED;

    /** Flags as bits, as {@code message_log.verdict_flags} keeps them. */
    public static final int MALWARE_BIT = VerdictFlags.MALWARE_BIT;

    public static final int SENDER_ALLOWED_BIT = VerdictFlags.SENDER_ALLOWED_BIT;
    public static final int RECIPIENT_ALLOWED_BIT = VerdictFlags.RECIPIENT_ALLOWED_BIT;
    public static final int BLOCKED_BIT = VerdictFlags.BLOCKED_BIT;

    /** Rows without a verdict to re-apply. */
    public static final int NOT_JUDGED_BIT = VerdictFlags.NOT_JUDGED;

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

    /** The flags of a stored reason summary, as the log keeps them. */
    public static int flagsOf(String reasons) {
        return VerdictFlags.ofReasons(reasons);
    }
}
