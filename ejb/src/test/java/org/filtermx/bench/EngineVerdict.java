package org.filtermx.bench;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.filter.Reason;

/**
 * What an external engine itself concluded, read back from the one reason its client gives FilterMX
 * ({@code RSPAMD_SCORE}, {@code SPAMASSASSIN_SCORE}): the engine's score, its own threshold ({@code
 * required=}) and, for rspamd, its action. The server only adds the score to its total; the
 * benchmark also wants to show each engine judged by its own threshold, and the detail text is the
 * only place the client keeps those.
 *
 * @param score the reason's score, i.e. what the engine adds to FilterMX's total
 * @param required the engine's own threshold: rspamd's reject score, SpamAssassin's spam score
 * @param action rspamd's action ({@code no action}, {@code add header}, {@code reject}, ...); empty
 *     for SpamAssassin, which has none
 */
record EngineVerdict(double score, double required, String action) {

    static final String RSPAMD = "RSPAMD_SCORE";
    static final String SPAMASSASSIN = "SPAMASSASSIN_SCORE";

    /** rspamd's actions that mark or refuse the message; {@code greylist} only delays it. */
    private static final List<String> RSPAMD_SPAM_ACTIONS =
            List.of("add header", "rewrite subject", "soft reject", "reject");

    private static final Pattern ACTION = Pattern.compile("^action=(.+?)(?: \\(|, required=|$)");
    private static final Pattern REQUIRED = Pattern.compile("required=(-?\\d+(?:\\.\\d+)?)");

    /** The verdict in {@code reasons} under {@code rule}; empty when the engine did not answer. */
    static Optional<EngineVerdict> find(List<Reason> reasons, String rule) {
        return reasons.stream()
                .filter(r -> r.rule().equals(rule))
                .findFirst()
                .map(EngineVerdict::of);
    }

    static EngineVerdict of(Reason reason) {
        String detail = reason.detail() == null ? "" : reason.detail();
        Matcher action = ACTION.matcher(detail);
        Matcher required = REQUIRED.matcher(detail);
        return new EngineVerdict(
                reason.score(),
                required.find() ? Double.parseDouble(required.group(1)) : Double.NaN,
                action.find() ? action.group(1) : "");
    }

    /** SpamAssassin's own call: score at or above its {@code required_score}. */
    boolean spamByOwnThreshold() {
        return score >= required;
    }

    /** rspamd's own call that the message is spam: an action that marks or refuses it. */
    boolean rspamdMarksSpam() {
        return RSPAMD_SPAM_ACTIONS.contains(action);
    }

    boolean rspamdRejects() {
        return action.equals("reject");
    }
}
