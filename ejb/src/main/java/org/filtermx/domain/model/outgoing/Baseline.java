package org.filtermx.domain.model.outgoing;

import java.util.List;

/**
 * The learned sending rate of one outgoing identity: exponentially weighted averages of its
 * messages and recipients per clock hour, over every hour since its first message (empty hours
 * count as zero), with weight {@code alpha = 1 / horizon} (14 days of hours by default). The
 * estimate is bias-corrected ({@code avg / (1 - (1 - alpha)^hours)}, as Adam's moment estimates
 * are), so that after a day it is that day's mean rather than a twentieth of it.
 *
 * @param foldedHour the last hour (hours since the epoch) included in the averages
 * @param hoursSeen how many hours the averages include
 * @param avgMessages the raw weighted average of messages per hour
 * @param avgRecipients the raw weighted average of recipients per hour
 */
public record Baseline(long foldedHour, int hoursSeen, double avgMessages, double avgRecipients) {

    /** What one identity sent in one clock hour. */
    public record HourCount(long hour, long messages, long recipients) {}

    /** A new identity whose first message falls in {@code currentHour}: nothing learned yet. */
    public static Baseline start(long currentHour) {
        return new Baseline(currentHour - 1, 0, 0, 0);
    }

    /**
     * This baseline with every hour after {@link #foldedHour} up to and including {@code upTo}
     * folded in; {@code counts} holds the hours that had mail, in any order (others are zero). A
     * long gap decays in one step, so the work is proportional to the rows, not to the hours.
     */
    public Baseline fold(List<HourCount> counts, long upTo, double alpha) {
        if (upTo <= foldedHour) {
            return this;
        }
        double keep = 1 - alpha;
        double m = avgMessages;
        double r = avgRecipients;
        long at = foldedHour;
        List<HourCount> sorted =
                counts.stream()
                        .filter(c -> c.hour() > foldedHour && c.hour() <= upTo)
                        .sorted((a, b) -> Long.compare(a.hour(), b.hour()))
                        .toList();
        for (HourCount c : sorted) {
            // The empty hours between, then this one.
            double decay = Math.pow(keep, c.hour() - at - 1);
            m = (m * decay) * keep + alpha * c.messages();
            r = (r * decay) * keep + alpha * c.recipients();
            at = c.hour();
        }
        double decay = Math.pow(keep, upTo - at);
        m *= decay;
        r *= decay;
        long seen = Math.min((long) hoursSeen + (upTo - foldedHour), Integer.MAX_VALUE);
        return new Baseline(upTo, (int) seen, m, r);
    }

    /** The bias-corrected messages per hour; 0 before the first full hour. */
    public double messagesPerHour(double alpha) {
        return corrected(avgMessages, alpha);
    }

    /** The bias-corrected recipients per hour. */
    public double recipientsPerHour(double alpha) {
        return corrected(avgRecipients, alpha);
    }

    private double corrected(double avg, double alpha) {
        if (hoursSeen == 0) {
            return 0;
        }
        double weight = 1 - Math.pow(1 - alpha, hoursSeen);
        return weight <= 0 ? 0 : avg / weight;
    }
}
