package org.filtermx.application.internal.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.application.WhatIfService.Outcome;
import org.junit.jupiter.api.Test;

class TransitionTallyTest {

    @Test
    void countsEveryCellAndKeepsOnlyTheFirstSamplesOfMovedCells() {
        TransitionTally tally = new TransitionTally(2);
        for (long id = 1; id <= 5; id++) {
            tally.count(id, Outcome.DELIVERED, Outcome.HELD);
        }
        tally.count(10, Outcome.HELD, Outcome.HELD);
        tally.count(11, Outcome.REFUSED, Outcome.DELIVERED);
        tally.notJudged();

        assertThat(tally.matrix())
                .containsExactly(List.of(0L, 5L, 0L), List.of(0L, 1L, 0L), List.of(1L, 0L, 0L));
        assertThat(tally.total()).isEqualTo(7);
        assertThat(tally.moved()).isEqualTo(6);
        assertThat(tally.notJudgedCount()).isEqualTo(1);
        assertThat(tally.sampleCells()).containsOnlyKeys(1L, 2L, 11L);
        assertThat(tally.sampleCells().get(11L))
                .containsExactly(Outcome.REFUSED, Outcome.DELIVERED);
    }
}
