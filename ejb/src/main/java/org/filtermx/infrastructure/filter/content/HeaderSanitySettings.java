package org.filtermx.infrastructure.filter.content;

import java.time.Duration;
import java.util.Objects;

/**
 * Scores and thresholds of the header sanity checks. A score of 0 turns its rule off; scoring a
 * Date in the past is off by default because mail is legitimately re-sent, imported and replayed
 * (and archives such as test corpora are entirely "in the past").
 *
 * @param futureTolerance how far a Date or Received date may lie ahead of the gateway's clock
 * @param pastTolerance how far a Date may lie behind before {@code DATE_IN_PAST} applies
 * @param subjectAllCapsMinLetters cased letters a Subject needs before all-capitals counts
 * @param maxReceivedHops Received fields above which the trace is suspicious (Postfix's {@code
 *     hopcount_limit} rejects at 50)
 */
public record HeaderSanitySettings(
        double missingDateScore,
        double dateMalformedScore,
        double dateInFutureScore,
        Duration futureTolerance,
        double dateInPastScore,
        Duration pastTolerance,
        double missingMessageIdScore,
        double missingFromScore,
        double fromMalformedScore,
        double fromMultipleScore,
        double subjectAllCapsScore,
        int subjectAllCapsMinLetters,
        double receivedSuspiciousScore,
        int maxReceivedHops,
        double mimeLimitScore,
        double mimeMalformedScore) {

    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofHours(24);
    public static final Duration DEFAULT_PAST_TOLERANCE = Duration.ofDays(30);
    public static final int DEFAULT_SUBJECT_ALL_CAPS_MIN_LETTERS = 10;
    public static final int DEFAULT_MAX_RECEIVED_HOPS = 30;

    public HeaderSanitySettings {
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        Objects.requireNonNull(pastTolerance, "pastTolerance");
        if (futureTolerance.isNegative() || pastTolerance.isNegative()) {
            throw new IllegalArgumentException("tolerances must not be negative");
        }
        if (subjectAllCapsMinLetters < 1 || maxReceivedHops < 1) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
    }

    public static HeaderSanitySettings defaults() {
        return new HeaderSanitySettings(
                1.0,
                1.0,
                1.5,
                DEFAULT_FUTURE_TOLERANCE,
                0.0,
                DEFAULT_PAST_TOLERANCE,
                1.0,
                2.5,
                2.0,
                2.0,
                0.5,
                DEFAULT_SUBJECT_ALL_CAPS_MIN_LETTERS,
                1.0,
                DEFAULT_MAX_RECEIVED_HOPS,
                5.0,
                1.0);
    }

    /** The same settings with {@code DATE_IN_PAST} scored, for live traffic. */
    public HeaderSanitySettings withDateInPastScore(double score) {
        return new HeaderSanitySettings(
                missingDateScore,
                dateMalformedScore,
                dateInFutureScore,
                futureTolerance,
                score,
                pastTolerance,
                missingMessageIdScore,
                missingFromScore,
                fromMalformedScore,
                fromMultipleScore,
                subjectAllCapsScore,
                subjectAllCapsMinLetters,
                receivedSuspiciousScore,
                maxReceivedHops,
                mimeLimitScore,
                mimeMalformedScore);
    }
}
