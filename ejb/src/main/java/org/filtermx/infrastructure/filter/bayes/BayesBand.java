package org.filtermx.infrastructure.filter.bayes;

import java.util.Locale;
import org.filtermx.domain.model.filter.Reason;

/**
 * The probability bands the {@code bayes} scanner reports, named and scored after SpamAssassin's
 * {@code BAYES_*} rules so that operators can read them at a glance; {@code BAYES_999} stands alone
 * rather than adding to {@code BAYES_99}.
 *
 * <p>The scores are FilterMX's own: from {@code BAYES_80} up a band alone reaches the default
 * quarantine threshold (5.0). The probability is the fusion of two learners by mean log-odds, which
 * reaches the extremes only when both agree, so 0.8 already means both lean clearly to spam; on
 * both halves of the benchmark corpus fewer than 0.5 % of ham reach it.
 */
public enum BayesBand {
    BAYES_00(0.00, -1.9),
    BAYES_05(0.01, -0.5),
    BAYES_20(0.05, -0.2),
    BAYES_40(0.20, -0.1),
    BAYES_50(0.40, 0.0),
    BAYES_60(0.60, 1.5),
    BAYES_80(0.80, 5.0),
    BAYES_95(0.95, 5.5),
    BAYES_99(0.99, 6.0),
    BAYES_999(0.999, 6.5);

    private final double from;
    private final double score;

    BayesBand(double from, double score) {
        this.from = from;
        this.score = score;
    }

    /** The band holding {@code probability}: the last whose lower bound it reaches. */
    public static BayesBand of(double probability) {
        BayesBand band = BAYES_00;
        for (BayesBand b : values()) {
            if (probability >= b.from) {
                band = b;
            }
        }
        return band;
    }

    public double score() {
        return score;
    }

    /** This band as a reason, with the probability as its detail. */
    public Reason reason(double probability) {
        return new Reason(
                name(), score, String.format(Locale.ROOT, "spam probability %.4f", probability));
    }
}
