package org.filtermx.domain.model.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final double ALPHA = 1.0 / 336;

    @Test
    void aSteadyRateIsLearnedAsThatRateFromTheFirstDay() {
        List<HourCount> hours = new ArrayList<>();
        for (long h = 1; h <= 24; h++) {
            hours.add(new HourCount(h, 10, 30));
        }
        Baseline b = Baseline.start(1).fold(hours, 24, ALPHA);
        assertThat(b.hoursSeen()).isEqualTo(24);
        assertThat(b.messagesPerHour(ALPHA)).isCloseTo(10.0, within(1e-9));
        assertThat(b.recipientsPerHour(ALPHA)).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void foldingHourByHourEqualsFoldingAtOnce() {
        List<HourCount> hours = List.of(new HourCount(3, 5, 5), new HourCount(9, 50, 70));
        Baseline once = Baseline.start(1).fold(hours, 12, ALPHA);
        Baseline stepwise = Baseline.start(1);
        for (long h = 1; h <= 12; h++) {
            stepwise = stepwise.fold(hours, h, ALPHA);
        }
        assertThat(stepwise.hoursSeen()).isEqualTo(once.hoursSeen()).isEqualTo(12);
        assertThat(stepwise.avgMessages()).isCloseTo(once.avgMessages(), within(1e-12));
        assertThat(stepwise.avgRecipients()).isCloseTo(once.avgRecipients(), within(1e-12));
    }

    @Test
    void emptyHoursCountAsZeroAndOldHoursFadeWithTheHorizon() {
        Baseline busy = Baseline.start(1).fold(List.of(new HourCount(1, 336, 336)), 1, ALPHA);
        assertThat(busy.messagesPerHour(ALPHA)).isCloseTo(336, within(1e-9));
        // Two weeks of silence later the mean over 337 hours is about one message per hour.
        Baseline quiet = busy.fold(List.of(), 337, ALPHA);
        assertThat(quiet.hoursSeen()).isEqualTo(337);
        assertThat(quiet.messagesPerHour(ALPHA)).isBetween(0.5, 1.6);
    }

    @Test
    void hoursAlreadyFoldedAreNotCountedAgain() {
        Baseline b = Baseline.start(1).fold(List.of(new HourCount(1, 10, 10)), 1, ALPHA);
        assertThat(b.fold(List.of(new HourCount(1, 10, 10)), 1, ALPHA)).isEqualTo(b);
        Baseline next = b.fold(List.of(new HourCount(1, 999, 999)), 2, ALPHA);
        assertThat(next.hoursSeen()).isEqualTo(2);
        assertThat(next.messagesPerHour(ALPHA)).isLessThan(10);
    }

    @Test
    void nothingLearnedBeforeTheFirstFullHour() {
        assertThat(Baseline.start(100).messagesPerHour(ALPHA)).isZero();
        assertThat(Baseline.start(100).foldedHour()).isEqualTo(99);
    }
}
