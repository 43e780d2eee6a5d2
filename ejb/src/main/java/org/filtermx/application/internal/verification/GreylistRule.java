package org.filtermx.application.internal.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.filtermx.domain.model.verification.GreylistRepository.Triplet;

/**
 * Greylisting's decision for one triplet (ADR 0032), apart from the state it reads: a new triplet
 * is deferred, a retry before the delay too, the first retry after it passes and is remembered, a
 * triplet that passed before passes at once, and so does every triplet from a whitelisted subnet.
 */
final class GreylistRule {

    /** What to do with the RCPT and the stored state. */
    enum Step {
        /** The subnet passed often enough: no triplet is kept. */
        WHITELISTED,
        /** First seen: store it, answer 451. */
        NEW,
        /** Seen, the delay not over: answer 451. */
        TOO_EARLY,
        /** The first retry after the delay: mark it passed, count a pass for the subnet. */
        FIRST_PASS,
        /** Passed before: pass, keep it longer. */
        PASSED
    }

    private GreylistRule() {}

    static Step decide(
            Optional<Triplet> triplet, boolean whitelisted, Instant now, Duration delay) {
        if (whitelisted) {
            return Step.WHITELISTED;
        }
        if (triplet.isEmpty()) {
            return Step.NEW;
        }
        if (triplet.get().passed()) {
            return Step.PASSED;
        }
        return now.isBefore(triplet.get().firstSeen().plus(delay))
                ? Step.TOO_EARLY
                : Step.FIRST_PASS;
    }

    /** The seconds left until a triplet first seen at {@code firstSeen} passes, at least 1. */
    static long secondsLeft(Instant firstSeen, Instant now, Duration delay) {
        long left = Duration.between(now, firstSeen.plus(delay)).toSeconds();
        return Math.max(1, left);
    }
}
