package org.filtermx.domain.model.outgoing;

/**
 * The hourly and concurrency limits of an outgoing user; 0 means unlimited. For a smarthost account
 * the hourly limits apply to each real sender, and the account as a whole may send {@value
 * #SMARTHOST_ACCOUNT_FACTOR} times as much.
 *
 * @param messagesPerHour messages in any 60 minutes
 * @param recipientsPerHour recipients of those messages in any 60 minutes
 * @param connections connections open at once, across all nodes
 */
public record OutgoingLimits(int messagesPerHour, int recipientsPerHour, int connections) {

    /**
     * Defaults for a new user: what one person or a small office sends (docs/operator-guide.md).
     */
    public static final OutgoingLimits DEFAULT = new OutgoingLimits(200, 1000, 10);

    /** How much more a whole smarthost account may send than each of its senders. */
    public static final int SMARTHOST_ACCOUNT_FACTOR = 10;

    /** Highest value a limit may have (beyond that, say 0: unlimited). */
    public static final int MAX = 1_000_000;

    public OutgoingLimits {
        check("messages per hour", messagesPerHour);
        check("recipients per hour", recipientsPerHour);
        check("concurrent connections", connections);
    }

    private static void check(String what, int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(
                    what + " must be 0 (unlimited) to " + MAX + ", not " + value);
        }
    }

    /** These limits for a whole smarthost account. */
    public OutgoingLimits account() {
        return new OutgoingLimits(scaled(messagesPerHour), scaled(recipientsPerHour), connections);
    }

    private static int scaled(int limit) {
        return (int) Math.min(MAX, (long) limit * SMARTHOST_ACCOUNT_FACTOR);
    }

    /** Whether every limit is at most the corresponding one of {@code other} (0 is the most). */
    public boolean within(OutgoingLimits other) {
        return le(messagesPerHour, other.messagesPerHour)
                && le(recipientsPerHour, other.recipientsPerHour)
                && le(connections, other.connections);
    }

    private static boolean le(int a, int b) {
        return b == 0 || (a != 0 && a <= b);
    }
}
