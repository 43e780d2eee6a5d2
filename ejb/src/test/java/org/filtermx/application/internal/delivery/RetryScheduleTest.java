package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule postfixDefaults =
            new RetrySchedule(Duration.ofSeconds(300), Duration.ofSeconds(4000));
    private final Instant now = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void doublesFromTheMinimalBackoffUpToTheMaximal() {
        assertThat(delay(1)).isEqualTo(Duration.ofSeconds(300));
        assertThat(delay(2)).isEqualTo(Duration.ofSeconds(600));
        assertThat(delay(3)).isEqualTo(Duration.ofSeconds(1200));
        assertThat(delay(4)).isEqualTo(Duration.ofSeconds(2400));
        assertThat(delay(5)).isEqualTo(Duration.ofSeconds(4000));
        assertThat(delay(50)).isEqualTo(Duration.ofSeconds(4000));
    }

    private Duration delay(int failedAttempts) {
        return Duration.between(now, postfixDefaults.next(now, failedAttempts));
    }
}
