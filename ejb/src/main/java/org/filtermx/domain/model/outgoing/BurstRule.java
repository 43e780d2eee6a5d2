package org.filtermx.domain.model.outgoing;

import java.util.Locale;
import java.util.Optional;

/**
 * When the circuit breaker trips: the current clock hour's messages or recipients exceed {@code
 * max(floor, ceil(factor × baseline))}; while the identity is younger than the warm-up, the floor
 * alone. A hacked mailbox sends hundreds of messages in the hour it is taken over, far above what
 * its owner sent in the two weeks before, and is stopped there, before a spam score could tell.
 *
 * @param floorMessages messages per hour that never trip it
 * @param floorRecipients recipients per hour that never trip it
 * @param factor how many times its baseline an identity may send in one hour
 * @param warmupHours hours of learning during which only the floors count
 * @param alpha the weight of one hour in the baseline
 */
public record BurstRule(
        int floorMessages, int floorRecipients, double factor, int warmupHours, double alpha) {

    /** How a lock reason written by the breaker begins (the lock reply words it differently). */
    public static final String REASON_PREFIX = "burst:";

    /** The limits that applied and, when tripped, why, in words for the lock reason. */
    public record Judgement(long messageLimit, long recipientLimit, Optional<String> tripped) {}

    /** Judges an hour's counts against the baseline folded up to the previous hour. */
    public Judgement judge(Baseline baseline, long hourMessages, long hourRecipients) {
        boolean warm = baseline.hoursSeen() >= warmupHours;
        double m = baseline.messagesPerHour(alpha);
        double r = baseline.recipientsPerHour(alpha);
        long messageLimit = warm ? Math.max(floorMessages, times(m)) : floorMessages;
        long recipientLimit = warm ? Math.max(floorRecipients, times(r)) : floorRecipients;
        String why = null;
        if (hourMessages > messageLimit) {
            why = because(hourMessages + " messages", messageLimit, warm, m);
        } else if (hourRecipients > recipientLimit) {
            why = because(hourRecipients + " recipients", recipientLimit, warm, r);
        }
        return new Judgement(messageLimit, recipientLimit, Optional.ofNullable(why));
    }

    /** factor × rate, rounded up; the rate's last binary digits are noise of the averaging. */
    private long times(double rate) {
        return (long) Math.ceil(Math.round(factor * rate * 1e6) / 1e6);
    }

    private static String because(String sent, long limit, boolean warm, double usual) {
        return REASON_PREFIX
                + " "
                + sent
                + " this hour, above the limit of "
                + limit
                + (warm
                        ? String.format(Locale.ROOT, " (usually %.1f per hour)", usual)
                        : " (new sender, still learning its usual rate)");
    }
}
