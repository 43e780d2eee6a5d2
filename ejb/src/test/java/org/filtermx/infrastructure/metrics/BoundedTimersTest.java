package org.filtermx.infrastructure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BoundedTimersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BoundedTimers timers = new BoundedTimers(registry, "t", "route", 3);

    @Test
    void valuesBeyondTheLimitShareTheOtherTimer() {
        for (int i = 0; i < 10; i++) {
            timers.record("mx" + i + ".example", 1_000_000);
        }
        timers.record("mx0.example", 1_000_000);

        assertThat(registry.get("t").timers()).hasSize(4);
        assertThat(registry.get("t").tags("route", "mx0.example").timer().count()).isEqualTo(2);
        assertThat(registry.get("t").tags("route", BoundedTimers.OTHER).timer().count())
                .isEqualTo(7);
    }
}
