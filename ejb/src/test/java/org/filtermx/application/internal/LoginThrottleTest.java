package org.filtermx.application.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aUserNameIsLockedAfterItsFreeFailuresAndTheLockGrows() {
        for (int i = 1; i < LoginThrottle.USER_FREE_FAILURES; i++) {
            throttle.failed("bob", "192.0.2." + i);
            assertThat(throttle.retryAfter("bob", "192.0.2.99")).isZero();
        }
        throttle.failed("bob", "192.0.2.50");
        assertThat(throttle.retryAfter("bob", "192.0.2.99")).isEqualTo(60);
        assertThat(throttle.retryAfter("BOB", "192.0.2.99")).as("names are case-blind").isEqualTo(60);
        assertThat(throttle.retryAfter("alice", "192.0.2.99")).isZero();
        now = now.plusSeconds(61);
        assertThat(throttle.retryAfter("bob", "192.0.2.99")).isZero();
        throttle.failed("bob", "192.0.2.50");
        assertThat(throttle.retryAfter("bob", "192.0.2.99")).isEqualTo(120);
    }

    @Test
    void unknownAndKnownNamesAreCountedAlike() {
        for (int i = 0; i < LoginThrottle.USER_FREE_FAILURES; i++) {
            throttle.failed("no-such-user", "192.0.2.1");
        }
        assertThat(throttle.retryAfter("no-such-user", "192.0.2.2")).isEqualTo(60);
    }

    @Test
    void anAddressIsLockedAfterManyFailuresAcrossNames() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            throttle.failed("user" + i, "198.51.100.7");
        }
        assertThat(throttle.retryAfter("fresh-name", "198.51.100.7")).isPositive();
        assertThat(throttle.retryAfter("fresh-name", "198.51.100.8")).isZero();
    }

    @Test
    void successClearsTheNameAndTheWindowForgetsOldFailures() {
        for (int i = 0; i < LoginThrottle.USER_FREE_FAILURES - 1; i++) {
            throttle.failed("carol", "192.0.2.1");
        }
        throttle.succeeded("carol");
        throttle.failed("carol", "192.0.2.1");
        assertThat(throttle.retryAfter("carol", "192.0.2.3")).isZero();
        for (int i = 0; i < LoginThrottle.USER_FREE_FAILURES - 2; i++) {
            throttle.failed("carol", "192.0.2.1");
        }
        now = now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        throttle.failed("carol", "192.0.2.1");
        assertThat(throttle.retryAfter("carol", "192.0.2.3")).isZero();
    }

    @Test
    void theLockNeverExceedsTheMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("dave", "192.0.2." + i);
            now = now.plusSeconds(1);
        }
        assertThat(throttle.retryAfter("dave", "192.0.2.200")).isLessThanOrEqualTo(LoginThrottle.MAX_LOCK.toSeconds());
    }
}
