package org.filtermx.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation threshold holds no more ham than the goal allows, and no more than that. */
class AccuracyReportTest {

    @Test
    void theValidationThresholdIsJustAboveTheHamThatMustNotBeHeld() {
        List<Scored> validation = new ArrayList<>();
        // 400 ham: 0.5 % allows 2 to be held; the third highest (4.23) must not be.
        for (int i = 0; i < 397; i++) {
            validation.add(item(false, -2 + i * 0.01));
        }
        validation.add(item(false, 9.0));
        validation.add(item(false, 6.5));
        validation.add(item(false, 4.23));
        validation.add(item(true, 4.25));
        validation.add(item(true, 12));

        double t = AccuracyReport.validationThreshold(validation, AccuracyReport.BUILT_IN_GOAL);

        assertEquals(4.3, t, 1e-9);
        assertArrayEquals(
                new double[] {0.5, 2.0 / 400}, AccuracyReport.shares(validation, t), 1e-9);
        assertEquals(0.003, AccuracyReport.ENGINES_GOAL.ham());
        // Stricter goal: 0.3 % of 400 allows one, so 6.5 must stay below the threshold.
        assertEquals(
                6.6,
                AccuracyReport.validationThreshold(validation, AccuracyReport.ENGINES_GOAL),
                1e-9);
    }

    @Test
    void malwareOnHamBeyondTheAllowanceLeavesNoThreshold() {
        List<Scored> validation =
                List.of(new Scored("h", false, 0, true, List.of()), item(false, 0), item(true, 10));
        assertEquals(
                Double.POSITIVE_INFINITY,
                AccuracyReport.validationThreshold(validation, AccuracyReport.BUILT_IN_GOAL));
    }

    @Test
    void bucketsFollowTheHistogramEdges() {
        assertEquals(0, AccuracyReport.bucket(-0.1));
        assertEquals(1, AccuracyReport.bucket(0));
        assertEquals(3, AccuracyReport.bucket(4.99));
        assertEquals(4, AccuracyReport.bucket(5.0));
        assertEquals(6, AccuracyReport.bucket(10));
    }

    private static Scored item(boolean spam, double score) {
        return new Scored(spam ? "s" : "h", spam, score, false, List.of());
    }
}
