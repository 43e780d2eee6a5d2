package org.filtermx.infrastructure.filter.auth.spf;

import java.time.Duration;
import java.util.Locale;
import org.filtermx.domain.model.filter.Reason;

/**
 * How SPF results score, and how long one check may take; {@link #DEFAULTS} holds the values the
 * gateway ships with.
 *
 * @param timeBudget the whole check_host() evaluation, includes and redirects included
 */
public record SpfSettings(
        Duration timeBudget,
        double pass,
        double fail,
        double softfail,
        double neutral,
        double none,
        double permerror,
        double temperror) {

    public static final SpfSettings DEFAULTS =
            new SpfSettings(Duration.ofSeconds(3), -0.1, 3.5, 1.0, 0.0, 0.0, 0.5, 0.0);

    /** {@code SPF_FAIL +3.5 (example.com: -all)} and the like. */
    public Reason reason(SpfOutcome outcome) {
        String identity = outcome.helo() ? "helo " + outcome.domain() : outcome.domain();
        String detail = outcome.detail().isEmpty() ? identity : identity + ": " + outcome.detail();
        return new Reason(
                "SPF_" + outcome.result().name().toUpperCase(Locale.ROOT),
                score(outcome.result()),
                detail);
    }

    private double score(SpfResult result) {
        switch (result) {
            case PASS:
                return pass;
            case FAIL:
                return fail;
            case SOFTFAIL:
                return softfail;
            case NEUTRAL:
                return neutral;
            case PERMERROR:
                return permerror;
            case TEMPERROR:
                return temperror;
            default:
                return none;
        }
    }
}
