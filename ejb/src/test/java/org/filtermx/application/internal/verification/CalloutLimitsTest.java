package org.filtermx.application.internal.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CalloutLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CalloutLimits limits = new CalloutLimits(3, 60, now::get);

    @Test
    void aSessionGetsItsLimitOfCalloutsAndNoMore() {
        assertThat(limits.trySession("s1")).isTrue();
        assertThat(limits.trySession("s1")).isTrue();
        assertThat(limits.trySession("s1")).isTrue();
        assertThat(limits.trySession("s1")).isFalse();
        assertThat(limits.trySession("s2")).as("another connection counts apart").isTrue();
    }

    @Test
    void aDomainsBucketEmptiesAndRefillsWithTime() {
        int taken = 0;
        while (limits.tryDomain("example.com")) {
            taken++;
        }
        assertThat(taken).isEqualTo(60);
        assertThat(limits.tryDomain("other.example")).as("another domain counts apart").isTrue();
        now.addAndGet(1_000_000_000L);
        assertThat(limits.tryDomain("example.com")).as("one per second refills").isTrue();
        assertThat(limits.tryDomain("example.com")).isFalse();
    }

    @Test
    void onlyAFewCalloutsWaitOnOneDestinationAtOnce() {
        for (int i = 0; i < CalloutLimits.IN_FLIGHT_PER_DOMAIN; i++) {
            assertThat(limits.tryEnter("slow.example")).isTrue();
        }
        assertThat(limits.tryEnter("slow.example")).isFalse();
        assertThat(limits.tryEnter("fast.example")).isTrue();
        limits.leave("slow.example");
        assertThat(limits.tryEnter("slow.example")).isTrue();
    }
}
