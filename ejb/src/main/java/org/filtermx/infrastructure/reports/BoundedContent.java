package org.filtermx.infrastructure.reports;

import java.util.List;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportContent.HeldLine;
import org.filtermx.application.ReportContent.RefusedLine;
import org.filtermx.application.ReportContent.SenderCount;
import org.filtermx.application.ReportContent.Totals;

/**
 * Caps report content before any rendering work: senders and subjects are attacker-controlled and
 * can be long or carry control characters, and the lists are bounded here even though the caller
 * already bounds them, so that one report's cost never depends on what strangers sent.
 */
final class BoundedContent {

    /** Longest sender, subject or reason shown; longer text is cut and ends with an ellipsis. */
    static final int MAX_TEXT = 300;

    /** Longest link kept; a signed release link is far shorter. */
    static final int MAX_LINK = 2048;

    /** Held messages listed at most; the rest are counted in {@code heldOmitted}. */
    static final int MAX_HELD = 1000;

    /** Refused messages listed at most in the PDF. */
    static final int MAX_REFUSED = 1000;

    /** Senders listed at most in a domain report's top senders. */
    static final int MAX_TOP_SENDERS = 25;

    private BoundedContent() {}

    /** {@code content} with every text cut to its limit and every list to its cap. */
    static ReportContent of(ReportContent content) {
        List<HeldLine> held = nonNull(content.held());
        int heldListed = Math.min(held.size(), MAX_HELD);
        long omitted = (long) Math.max(0, content.heldOmitted()) + held.size() - heldListed;
        return new ReportContent(
                content.kind(),
                text(content.subject()),
                text(content.domain()),
                text(content.recipient()),
                content.format(),
                content.periodStart(),
                content.periodEnd(),
                content.totals() == null ? new Totals(0, 0, 0, 0, 0) : content.totals(),
                held.subList(0, heldListed).stream().map(BoundedContent::held).toList(),
                (int) Math.min(Integer.MAX_VALUE, omitted),
                nonNull(content.refused()).stream()
                        .limit(MAX_REFUSED)
                        .map(BoundedContent::refused)
                        .toList(),
                nonNull(content.topSenders()).stream()
                        .limit(MAX_TOP_SENDERS)
                        .map(s -> new SenderCount(text(s.sender()), s.messages()))
                        .toList(),
                link(content.consoleUrl()),
                link(content.loginLink()),
                content.brand());
    }

    private static HeldLine held(HeldLine line) {
        return new HeldLine(
                line.receivedAt(),
                text(line.sender()),
                text(line.subjectLine()),
                text(line.reason()),
                line.score(),
                link(line.releaseLink()));
    }

    private static RefusedLine refused(RefusedLine line) {
        return new RefusedLine(
                line.receivedAt(),
                text(line.sender()),
                text(line.subjectLine()),
                text(line.reason()));
    }

    /**
     * {@code value} on one line and at most {@link #MAX_TEXT} characters: control characters (CR,
     * LF, tab, NUL...) become spaces, the bidirectional overrides and isolates that could make a
     * sender read backwards are dropped, and a cut never splits a surrogate pair. Null stays null.
     */
    static String text(String value) {
        return text(value, MAX_TEXT);
    }

    static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        boolean cut = value.length() > max;
        int end = cut ? max - 1 : value.length();
        if (cut && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (isBidiControl(c)) {
                continue;
            }
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (cut) {
            out.append('\u2026');
        }
        return out.toString();
    }

    /** U+202A to U+202E (embeddings, overrides) and U+2066 to U+2069 (isolates). */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * {@code value} when it is an absolute http or https link of sensible length, otherwise null: a
     * link is only ever printed as a link when it cannot run script or point at a file.
     */
    static String link(String value) {
        if (value == null
                || value.length() > MAX_LINK
                || !(value.regionMatches(true, 0, "https://", 0, 8)
                        || value.regionMatches(true, 0, "http://", 0, 7))) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
                return null;
            }
        }
        return value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
