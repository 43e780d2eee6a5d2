package org.filtermx.domain.model.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void doublesFromOneMinuteUpToSixHours() {
        assertThat(Backoff.next(T0, 1, T0)).contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(Backoff.next(T0, 2, T0)).contains(T0.plus(Duration.ofMinutes(2)));
        assertThat(Backoff.next(T0, 5, T0)).contains(T0.plus(Duration.ofMinutes(16)));
        assertThat(Backoff.next(T0, 12, T0)).contains(T0.plus(Duration.ofHours(6)));
    }

    @Test
    void givesUpADayAfterTheEvent() {
        Instant late = T0.plus(Duration.ofHours(20));
        assertThat(Backoff.next(T0, 10, late)).isEmpty();
        assertThat(Backoff.next(T0, 1, late)).isPresent();
    }
}
