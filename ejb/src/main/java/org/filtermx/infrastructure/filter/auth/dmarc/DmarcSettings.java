package org.filtermx.infrastructure.filter.auth.dmarc;

import java.time.Duration;
import org.filtermx.domain.model.filter.Reason;

/**
 * How DMARC results score and how long the policy lookup may take; {@link #DEFAULTS} holds the
 * values the gateway ships with. A failure scores by the policy the domain published, so that an
 * owner asking for reject weighs more than one only monitoring.
 */
public record DmarcSettings(
        Duration timeBudget,
        double pass,
        double failReject,
        double failQuarantine,
        double failNone,
        double none,
        double fromInvalid,
        double temperror) {

    public static final DmarcSettings DEFAULTS =
            new DmarcSettings(Duration.ofSeconds(2), -0.1, 6.0, 3.0, 0.5, 0.0, 1.0, 0.0);

    /** {@code DMARC_FAIL_REJECT +6.0 (example.com: p=reject)} and the like. */
    public Reason reason(DmarcOutcome outcome) {
        String detail =
                outcome.domain().isEmpty()
                        ? outcome.detail()
                        : outcome.detail().isEmpty()
                                ? outcome.domain()
                                : outcome.domain() + ": " + outcome.detail();
        switch (outcome.result()) {
            case PASS:
                return new Reason("DMARC_PASS", pass, detail);
            case FAIL:
                return failure(outcome.disposition(), detail);
            case TEMPERROR:
                return new Reason("DMARC_TEMPERROR", temperror, detail);
            case FROM_INVALID:
                return new Reason("DMARC_FROM_INVALID", fromInvalid, detail);
            default:
                return new Reason("DMARC_NONE", none, detail);
        }
    }

    private Reason failure(Disposition disposition, String detail) {
        switch (disposition) {
            case REJECT:
                return new Reason("DMARC_FAIL_REJECT", failReject, detail);
            case QUARANTINE:
                return new Reason("DMARC_FAIL_QUARANTINE", failQuarantine, detail);
            default:
                return new Reason("DMARC_FAIL_NONE", failNone, detail);
        }
    }
}
