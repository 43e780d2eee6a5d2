package org.filtermx.domain.model.filter;

import java.util.Locale;

/**
 * One named contribution to a verdict, such as {@code BAYES_99 +5.5} or {@code
 * ATTACHMENT_BLOCKED_EXT +10.0 (invoice.exe)}: rule names are upper-case words joined by
 * underscores, the score adds to the message's total (negative for good signs).
 */
public record Reason(String rule, double score, String detail) {

    public Reason {
        if (rule == null || !rule.matches("[A-Z0-9_]{2,64}")) {
            throw new IllegalArgumentException("rule names are A-Z, 0-9 and _: " + rule);
        }
        detail = detail == null ? "" : detail.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    public static Reason of(String rule, double score) {
        return new Reason(rule, score, "");
    }

    /** {@code RULE +1.5} or {@code RULE +1.5 (detail)}: the form shown in headers and logs. */
    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "%s %+.1f", rule, score);
        return detail.isEmpty() ? s : s + " (" + detail + ")";
    }
}
