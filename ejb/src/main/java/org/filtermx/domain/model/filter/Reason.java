package org.filtermx.domain.model.filter;

import java.util.Locale;

/**
 * One named contribution to a verdict, such as {@code BAYES_99 +5.5} or {@code
 * ATTACHMENT_BLOCKED_EXT +10.0 (invoice.exe)}: rule names are upper-case words joined by
 * underscores, the score adds to the message's total (negative for good signs).
 */
public record Reason(String rule, double score, String detail) {

    public Reason {
        if (!isRuleName(rule)) {
            throw new IllegalArgumentException("rule names are A-Z, 0-9 and _: " + rule);
        }
        detail = detail == null ? "" : oneLine(detail);
    }

    /** {@code [A-Z0-9_]{2,64}}, checked by hand: reasons are made for every message. */
    private static boolean isRuleName(String rule) {
        if (rule == null || rule.length() < 2 || rule.length() > 64) {
            return false;
        }
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Each run of CR, LF and TAB made one space, then stripped. */
    private static String oneLine(String detail) {
        StringBuilder out = new StringBuilder(detail.length());
        boolean inRun = false;
        for (int i = 0; i < detail.length(); i++) {
            char c = detail.charAt(i);
            boolean lineBreak = c == '\r' || c == '\n' || c == '\t';
            if (!lineBreak) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = lineBreak;
        }
        return out.toString().strip();
    }

    public static Reason of(String rule, double score) {
        return new Reason(rule, score, "");
    }

    /** {@code RULE +1.5} or {@code RULE +1.5 (detail)}: the form shown in headers and logs. */
    @Override
    public String toString() {
        String number = oneDecimal(score);
        String s = rule + ' ' + (number.startsWith("-") ? "" : "+") + number;
        return detail.isEmpty() ? s : s + " (" + detail + ")";
    }

    /**
     * A score with one decimal, as {@code %.1f} writes it (rounded half up, {@code -0.0} for a
     * negative that rounds to zero), without a formatter: every message's verdict summary is built
     * from these.
     */
    public static String oneDecimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        String magnitude =
                java.math.BigDecimal.valueOf(Math.abs(value))
                        .setScale(1, java.math.RoundingMode.HALF_UP)
                        .toPlainString();
        return negative ? "-" + magnitude : magnitude;
    }
}
