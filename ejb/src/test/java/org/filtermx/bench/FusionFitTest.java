package org.filtermx.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;
import org.junit.jupiter.api.Test;

class FusionFitTest {

    private static List<FusionFit.Sample> samples(int n, boolean spam, Reason... reasons) {
        List<FusionFit.Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new FusionFit.Sample(List.of(reasons), spam));
        }
        return out;
    }

    @Test
    void findsTheLogOddsOfAFeatureFromItsCounts() {
        // With a rule on 3000 spam and 1000 ham and absent from 1000 spam and 3000 ham, the
        // maximum-likelihood weights are b = ln(1/3) and w = ln 3 − ln(1/3) = 2 ln 3; at this size
        // the L2 penalty moves them by less than 0.01.
        Reason rule = Reason.of("SUBJECT_ALL_CAPS", 1.0);
        List<FusionFit.Sample> fitting = new ArrayList<>();
        fitting.addAll(samples(3000, true, rule));
        fitting.addAll(samples(1000, false, rule));
        fitting.addAll(samples(1000, true));
        fitting.addAll(samples(3000, false));
        List<FusionFit.Sample> validation = new ArrayList<>();
        validation.addAll(samples(998, false));
        validation.addAll(samples(2, false, rule));
        validation.addAll(samples(10, true, rule));

        FusionFit.Fitted fitted = FusionFit.fit(fitting, validation);

        double w = fitted.weights().weights().get("SUBJECT_ALL_CAPS");
        assertThat(w).isCloseTo(2 * Math.log(3), within(0.01)).isLessThan(2 * Math.log(3));
        assertThat(fitted.weights().bias()).isCloseTo(-Math.log(3), within(0.01));
        // Three of 1000 validation ham may be held: the operating point lies halfway between the
        // ham without the rule and the scans with it, so the rule alone holds, scoring 10 points.
        assertThat(fitted.operatingPoint())
                .isCloseTo(fitted.weights().bias() + w / 2, within(1e-9));
        assertThat(fitted.weights().k() * w).isCloseTo(10.0, within(1e-9));
        assertThat(fitted.hamHeld()).isEqualTo(0.002);
        assertThat(fitted.spamHeld()).isEqualTo(1.0);
    }

    @Test
    void scoresFivePointsExactlyAtTheOperatingPoint() {
        List<FusionFit.Sample> fitting = new ArrayList<>();
        fitting.addAll(
                samples(300, true, Reason.of("DATE_MALFORMED", 1), Reason.of("FROM_MALFORMED", 1)));
        fitting.addAll(samples(200, true, Reason.of("DATE_MALFORMED", 1)));
        fitting.addAll(samples(100, false, Reason.of("DATE_MALFORMED", 1)));
        fitting.addAll(samples(50, true, Reason.of("FROM_MALFORMED", 1)));
        fitting.addAll(samples(100, false, Reason.of("FROM_MALFORMED", 1)));
        fitting.addAll(samples(900, false));
        FusionFit.Fitted fitted = FusionFit.fit(fitting, fitting);
        var set = fitted.weights();
        LearnedScoreFusion fusion = new LearnedScoreFusion(set, set, null);
        double sum = set.weights().values().stream().mapToDouble(Double::doubleValue).sum();
        // The scan with both rules has log-odds b + Σw; its points are k·Σw = 5·(z − b)/(z_q − b).
        double points =
                FusionFit.points(
                        fusion,
                        List.of(Reason.of("DATE_MALFORMED", 1), Reason.of("FROM_MALFORMED", 1)));
        assertThat(points)
                .isCloseTo(5.0 * sum / (fitted.operatingPoint() - set.bias()), within(1e-9));
        assertThat(set.k()).isCloseTo(5.0 / (fitted.operatingPoint() - set.bias()), within(1e-12));
        assertThat(fitted.hamHeld()).isLessThanOrEqualTo(FusionFit.MAX_HAM_HELD);
    }

    @Test
    void measuresPointsFromTheUnsureBandWhenEveryScanHasABand() {
        List<FusionFit.Sample> fitting = new ArrayList<>();
        fitting.addAll(samples(400, true, Reason.of("BAYES_99", 6)));
        fitting.addAll(samples(2, false, Reason.of("BAYES_99", 6)));
        fitting.addAll(
                samples(100, true, Reason.of("BAYES_50", 0), Reason.of("RECEIVED_SUSPICIOUS", 2)));
        fitting.addAll(samples(100, false, Reason.of("BAYES_50", 0)));
        fitting.addAll(samples(50, true, Reason.of("BAYES_00", -1.9)));
        fitting.addAll(samples(1500, false, Reason.of("BAYES_00", -1.9)));
        List<FusionFit.Sample> validation = new ArrayList<>(fitting);
        FusionFit.Fitted fitted = FusionFit.fit(fitting, validation);
        // BAYES_50 is the reference band: it weighs nothing, and the bias is what an unsure scan's
        // log-odds are, below the operating point.
        assertThat(fitted.weights().weights().get("BAYES_50")).isCloseTo(0.0, within(1e-12));
        assertThat(fitted.operatingPoint()).isGreaterThan(fitted.weights().bias());
        assertThat(fitted.weights().k())
                .isCloseTo(
                        5.0 / (fitted.operatingPoint() - fitted.weights().bias()), within(1e-12));
        LearnedScoreFusion fusion =
                new LearnedScoreFusion(fitted.weights(), fitted.weights(), null);
        assertThat(FusionFit.points(fusion, List.of(Reason.of("BAYES_50", 0))))
                .isCloseTo(0.0, within(1e-12));
        assertThat(FusionFit.points(fusion, List.of(Reason.of("BAYES_99", 6))))
                .isGreaterThanOrEqualTo(5.0);
        assertThat(FusionFit.points(fusion, List.of(Reason.of("BAYES_00", -1.9)))).isLessThan(0.0);
        assertThat(fitted.hamHeld()).isLessThanOrEqualTo(FusionFit.MAX_HAM_HELD);
    }

    @Test
    void keepsARarelySeenRuleNearItsAuthorsScore() {
        List<FusionFit.Sample> fitting = new ArrayList<>();
        fitting.addAll(samples(300, true, Reason.of("DATE_MALFORMED", 1)));
        fitting.addAll(samples(100, false, Reason.of("DATE_MALFORMED", 1)));
        fitting.addAll(samples(4, true, Reason.of("HTML_HIDDEN_TEXT", 2.5)));
        fitting.addAll(samples(2, false, Reason.of("HTML_HIDDEN_TEXT", 2.5)));
        fitting.addAll(samples(4, true, Reason.of("IMAGE_ONLY", 0)));
        fitting.addAll(samples(2, false, Reason.of("IMAGE_ONLY", 0)));
        fitting.addAll(samples(900, false));
        double[] prior = FusionFit.priors(List.of("DATE_MALFORMED", "HTML_HIDDEN_TEXT"), fitting);
        assertThat(prior)
                .containsExactly(0, 1 / FusionFit.PRIOR_POINTS, 2.5 / FusionFit.PRIOR_POINTS);
        FusionFit.Fitted fitted = FusionFit.fit(fitting, fitting);
        // The same six scans of evidence each: the rule whose author gave it 2.5 points keeps
        // a good part of that lead over the one scored 0, instead of both shrinking alike.
        double authored = fitted.weights().weights().get("HTML_HIDDEN_TEXT");
        double unscored = fitted.weights().weights().get("IMAGE_ONLY");
        assertThat(authored - unscored).isGreaterThan(0.4 * 2.5 / FusionFit.PRIOR_POINTS);
    }

    @Test
    void solvesALinearSystem() {
        double[] v =
                FusionFit.solve(
                        new double[][] {{0, 2, 1}, {1, 1, 1}, {2, 1, 3}}, new double[] {5, 4, 7});
        assertThat(v).containsExactly(new double[] {1, 2, 1}, within(1e-12));
    }
}
