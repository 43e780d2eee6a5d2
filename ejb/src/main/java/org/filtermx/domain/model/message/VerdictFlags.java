package org.filtermx.domain.model.message;

/**
 * What the what-if tester (ADR 0044) needs of a logged verdict besides its score, as bits kept in
 * {@code message_log.verdict_flags} when the verdict is recorded: whether a virus was found, an
 * allow entry for the sender or a recipient applied, or a block entry. A row without a verdict to
 * judge again (a tempfail, a message refused before the filter) has {@link #NOT_JUDGED}. Kept in a
 * column of their own so that the tester's query reads one index and never the rows.
 */
public final class VerdictFlags {

    /** Reason rule names whose presence sets a flag. */
    public static final String MALWARE = "VIRUS_FOUND";

    public static final String SENDER_ALLOWED = "SENDER_ALLOWLISTED";
    public static final String RECIPIENT_ALLOWED = "RECIPIENT_ALLOWLISTED";
    public static final String BLOCKED = "BLOCKLISTED";

    public static final int MALWARE_BIT = 1;
    public static final int SENDER_ALLOWED_BIT = 2;
    public static final int RECIPIENT_ALLOWED_BIT = 4;
    public static final int BLOCKED_BIT = 8;

    /** A row without a verdict to re-apply. */
    public static final int NOT_JUDGED = 16;

    private VerdictFlags() {}

    /** The flags of a reason summary (the bits only; a judged verdict). */
    public static int ofReasons(String reasons) {
        if (reasons == null) {
            return 0;
        }
        return (reasons.contains(MALWARE) ? MALWARE_BIT : 0)
                | (reasons.contains(SENDER_ALLOWED) ? SENDER_ALLOWED_BIT : 0)
                | (reasons.contains(RECIPIENT_ALLOWED) ? RECIPIENT_ALLOWED_BIT : 0)
                | (reasons.contains(BLOCKED) ? BLOCKED_BIT : 0);
    }

    /**
     * The flags of a recorded verdict: {@link #NOT_JUDGED} unless it delivered, held or refused by
     * a score; the same rule as the backfill in {@code V26__verdict_flags.sql}.
     */
    public static int of(String action, Double score, String reasons) {
        boolean judged =
                score != null
                        && ("DELIVER".equals(action)
                                || "QUARANTINE".equals(action)
                                || "REJECT".equals(action));
        return judged ? ofReasons(reasons) : NOT_JUDGED;
    }
}
