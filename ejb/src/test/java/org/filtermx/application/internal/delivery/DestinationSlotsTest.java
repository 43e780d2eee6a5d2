package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DestinationSlotsTest {

    @Test
    void refusesASlotBeyondTheLimitUntilOneIsGivenBack() {
        DestinationSlots slots = new DestinationSlots(2);

        assertThat(slots.acquire("remote.test", Duration.ZERO)).isTrue();
        assertThat(slots.acquire("REMOTE.test", Duration.ZERO)).isTrue();
        assertThat(slots.acquire("remote.test", Duration.ofMillis(120))).isFalse();
        assertThat(slots.acquire("other.test", Duration.ZERO)).isTrue();

        slots.release("remote.test");
        assertThat(slots.acquire("remote.test", Duration.ZERO)).isTrue();
        assertThat(slots.inUse("remote.test")).isEqualTo(2);
    }

    @Test
    void forgetsADestinationWithNothingInFlight() {
        DestinationSlots slots = new DestinationSlots(20);

        slots.acquire("remote.test", Duration.ZERO);
        slots.release("remote.test");

        assertThat(slots.inUse("remote.test")).isZero();
    }
}
