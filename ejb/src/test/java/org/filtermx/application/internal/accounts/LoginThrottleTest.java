package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.filtermx.domain.model.account.LoginAttemptRepository;
import org.filtermx.domain.model.account.LoginAttempts;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    /** The database table, one transaction at a time. */
    private final Map<String, LoginAttempts> table = new HashMap<>();

    private final LoginThrottle throttle =
            new LoginThrottle(
                    new LoginAttemptRepository() {
                        @Override
                        public LoginAttempts lock(String subject, Instant at) {
                            return table.computeIfAbsent(subject, s -> LoginAttempts.none(at));
                        }

                        @Override
                        public void save(String subject, LoginAttempts attempts) {
                            table.put(subject, attempts);
                        }

                        @Override
                        public void remove(String subject) {
                            table.remove(subject);
                        }

                        @Override
                        public int purge(Instant at) {
                            int before = table.size();
                            table.values().removeIf(a -> a.expired(at));
                            return before - table.size();
                        }
                    },
                    new Clock() {
                        @Override
                        public ZoneId getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(ZoneId zone) {
                            return this;
                        }

                        @Override
                        public Instant instant() {
                            return now;
                        }
                    });

    @Test
    void fifteenAttemptsBeforeAnyAnswerGetFiveChecks() {
        int allowed = 0;
        for (int i = 0; i < 15; i++) {
            if (throttle.reserve("bob", "192.0.2." + i) == 0) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(LoginThrottle.USER_LIMIT);
        assertThat(throttle.reserve("BOB", "192.0.2.99")).as("names are case-blind").isEqualTo(60);
        assertThat(throttle.reserve("alice", "192.0.2.99")).isZero();
    }

    @Test
    void theLockDoublesWhenTheFirstAttemptAfterItFailsToo() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            assertThat(throttle.reserve("bob", "192.0.2.1")).isZero();
        }
        assertThat(throttle.reserve("bob", "192.0.2.1")).isEqualTo(60);
        now = now.plusSeconds(61);
        assertThat(throttle.reserve("bob", "192.0.2.1")).isZero();
        assertThat(throttle.reserve("bob", "192.0.2.1")).isEqualTo(120);
    }

    @Test
    void unknownAndKnownNamesAreCountedAlike() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            throttle.reserve("no-such-user", "192.0.2.1");
        }
        assertThat(throttle.reserve("no-such-user", "192.0.2.2")).isEqualTo(60);
    }

    @Test
    void anAddressIsLockedAfterManyFailuresAcrossNames() {
        for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
            assertThat(throttle.reserve("user" + i, "198.51.100.7")).isZero();
        }
        assertThat(throttle.reserve("fresh-name", "198.51.100.7")).isPositive();
        assertThat(throttle.reserve("fresh-name", "198.51.100.8")).isZero();
    }

    @Test
    void aRefusedAttemptIsNotCountedAgainstTheOtherSubject() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            throttle.reserve("erin", "203.0.113.1");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.reserve("erin", "203.0.113.1")).isPositive();
        }
        assertThat(table.get("a:203.0.113.1").attempts()).isEqualTo(LoginThrottle.USER_LIMIT);
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
            throttle.reserve("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(throttle.reserve("fresh", "2001:db8:1:2:ffff::9")).isPositive();
        assertThat(throttle.reserve("fresh", "2001:db8:1:3::1")).isZero();
    }

    @Test
    void successClearsTheNameAndGivesTheAddressItsAttemptBack() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT - 1; i++) {
            throttle.reserve("carol", "192.0.2.1");
        }
        throttle.reserve("carol", "192.0.2.1");
        throttle.succeeded("carol", "192.0.2.1");
        assertThat(table).doesNotContainKey("u:carol");
        assertThat(table.get("a:192.0.2.1").attempts()).isEqualTo(LoginThrottle.USER_LIMIT - 1);
        assertThat(throttle.reserve("carol", "192.0.2.3")).isZero();
    }

    @Test
    void theWindowForgetsOldFailures() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT - 1; i++) {
            throttle.reserve("dave", "192.0.2.1");
        }
        now = now.plus(LoginAttempts.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(throttle.reserve("dave", "192.0.2.1")).isZero();
        assertThat(table.get("u:dave").attempts()).isEqualTo(1);
        now = now.plus(LoginAttempts.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(throttle.purge()).isEqualTo(2);
    }

    @Test
    void theLockNeverExceedsTheMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.reserve("frank", "192.0.2." + i);
            now = now.plus(LoginAttempts.MAX_LOCK);
        }
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            throttle.reserve("frank", "192.0.2.1");
        }
        assertThat(throttle.reserve("frank", "192.0.2.200"))
                .isLessThanOrEqualTo(LoginAttempts.MAX_LOCK.toSeconds());
    }

    @Test
    void smtpAuthGuessesLockTheOutgoingNameButNotTheConsoleLoginOfTheSameAddress() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            assertThat(throttle.reserveOutgoing("shop@example.com", "192.0.2.1")).isZero();
        }

        assertThat(throttle.reserveOutgoing("shop@example.com", "192.0.2.1")).isPositive();
        assertThat(throttle.reserve("shop@example.com", "192.0.2.2")).isZero();
        assertThat(table).containsKey("o:shop@example.com").containsKey("u:shop@example.com");
        // The address is counted with every other login.
        assertThat(table.get("a:192.0.2.1").attempts()).isEqualTo(LoginThrottle.USER_LIMIT);
        throttle.succeededOutgoing("shop@example.com", "192.0.2.1");
        assertThat(table).doesNotContainKey("o:shop@example.com");
    }
}
