package org.filtermx.domain.model.filter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The filter's decision on one message with the total score and the named reasons that made it, so
 * that headers, the log and the console can say why.
 */
public record Verdict(Action action, double score, List<Reason> reasons, boolean malware) {

    /** What happens to the message. */
    public enum Action {
        /** Delivered to the destination route, with verdict headers. */
        DELIVER,
        /** Held in the quarantine. */
        QUARANTINE,
        /** Refused at SMTP time (550); a copy is kept in the quarantine. */
        REJECT,
        /** Refused for now (451): a scanner the policy requires could not answer. */
        TEMPFAIL
    }

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /**
     * {@code BAYES_99 +5.5, SPF_FAIL +3.5}: the reasons that scored, largest first, and the ones
     * that explain without scoring (list matches, engines that were down, DNS trouble, the
     * classifier's band when it is unsure and weighs nothing).
     */
    public String summary() {
        return reasons.stream()
                .filter(r -> r.score() != 0 || informative(r.rule()))
                .sorted((a, b) -> Double.compare(Math.abs(b.score()), Math.abs(a.score())))
                .map(Reason::toString)
                .collect(Collectors.joining(", "));
    }

    private static boolean informative(String rule) {
        return rule.endsWith("_ALLOWLISTED")
                || rule.startsWith("ENGINE_DOWN_")
                || rule.endsWith("_TEMPERROR")
                || rule.startsWith("BAYES_");
    }

    public String formattedScore() {
        return Reason.oneDecimal(score);
    }
}
