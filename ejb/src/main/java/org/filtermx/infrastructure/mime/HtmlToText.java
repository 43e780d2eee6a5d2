package org.filtermx.infrastructure.mime;

import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * FilterMX's one way from an HTML body to the text its reader sees: one pass from left to right
 * over capped input that keeps text, decodes character references and hands each comment and tag to
 * a {@link Markup}, which may skip an element's content. The Bayes tokenizer reads HTML with it
 * (its markup notes how the HTML was built) and so does the console's preview ({@link
 * #visibleText}). Every {@code <} and every tag is looked at once, so the work is linear in the
 * capped input however hostile the markup (ADR 0016); no tree is built, so nesting costs nothing.
 */
public final class HtmlToText {

    /** What a reader of the markup does besides keeping the text. */
    public interface Markup {

        /** A comment, {@code <!-- ... -->}, which is skipped. */
        default void comment() {}

        /**
         * The tag between {@code from} (just after the {@code <}) and {@code close} (its {@code
         * >}); {@code text} is the text read so far. Returns where reading resumes: {@code close +
         * 1}, or further to skip an element's content (see {@link #endTag}), or the length of
         * {@code html} to stop.
         */
        int tag(String html, int from, int close, StringBuilder text);
    }

    /** The most HTML the preview reads; what follows could not be shown anyway. */
    public static final int PREVIEW_MAX_HTML = 256 * 1024;

    /** The most tags the preview reads (ADR 0016); large newsletters have fewer. */
    public static final int PREVIEW_MAX_TAGS = 8192;

    /** The most text the preview gives. */
    public static final int PREVIEW_MAX_CHARS = 20_000;

    /** Elements whose content a reader never sees as text. */
    private static final Set<String> HIDDEN =
            Set.of("script", "style", "head", "title", "template", "noscript", "svg", "math");

    /** Elements that end a line, as a browser lays them out. */
    private static final Set<String> BREAK =
            Set.of(
                    "br",
                    "p",
                    "div",
                    "tr",
                    "li",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "table",
                    "ul",
                    "ol",
                    "blockquote",
                    "pre",
                    "hr",
                    "dd",
                    "dt");

    private HtmlToText() {}

    /**
     * Reads the first {@code maxChars} characters of {@code html}: text is kept, character
     * references decoded, comments skipped; each tag goes to {@code markup}. A {@code <} that does
     * not start markup (HTML5 tokenizer, tag open state) is text; an unclosed tag ends the reading.
     */
    public static String read(String html, int maxChars, Markup markup) {
        int end = Math.min(html.length(), maxChars);
        StringBuilder text = new StringBuilder(end);
        int i = 0;
        while (i < end) {
            char c = html.charAt(i);
            if (c == '<' && html.startsWith("<!--", i)) {
                markup.comment();
                int close = html.indexOf("-->", i + 4);
                i = close < 0 ? end : close + 3;
            } else if (c == '<' && i + 1 < end && isTagStart(html.charAt(i + 1))) {
                int close = html.indexOf('>', i + 1);
                if (close < 0) {
                    break;
                }
                i = markup.tag(html, i + 1, close, text);
            } else if (c == '&') {
                i = CharacterReference.decode(html, i, text);
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }

    /**
     * The lower-case name of the tag starting at {@code from} ({@code /} of an end tag skipped).
     */
    public static String tagName(String html, int from, int close) {
        int start = from < close && html.charAt(from) == '/' ? from + 1 : from;
        int n = start;
        while (n < close && Character.isLetterOrDigit(html.charAt(n))) {
            n++;
        }
        return LowerCase.of(html.substring(start, n));
    }

    /**
     * Where the end tag {@code </name} after {@code from} starts, or the length of {@code html}:
     * where reading resumes to skip the content of a script, style or other hidden element.
     */
    public static int endTag(String html, String name, int from) {
        String what = "</" + name;
        for (int i = from; i <= html.length() - what.length(); i++) {
            if (html.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return html.length();
    }

    /**
     * Where the start tag {@code <name} after {@code from} starts, or the length of {@code html}.
     */
    private static int startTag(String html, String name, int from) {
        String what = "<" + name;
        for (int i = from; i <= html.length() - what.length(); i++) {
            if (html.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return html.length();
    }

    /**
     * The text of an HTML body for the console's preview: the visible text of its first {@value
     * #PREVIEW_MAX_HTML} characters and {@value #PREVIEW_MAX_TAGS} tags, without the content of
     * script, style, head and other hidden elements, white space collapsed, block elements on lines
     * of their own, at most about {@value #PREVIEW_MAX_CHARS} characters. The result is text, to be
     * shown escaped.
     */
    public static String visibleText(String html) {
        if (html == null) {
            return null;
        }
        Preview preview = new Preview();
        String rest = read(html, PREVIEW_MAX_HTML, preview);
        preview.take(rest, 0);
        return preview.toString();
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '/' || c == '!';
    }

    /**
     * The preview's markup: moves the text read since the last tag into its own output with white
     * space collapsed, breaks lines at block elements, skips hidden elements and stops after the
     * tag cap or once the output is full.
     */
    private static final class Preview implements Markup {
        private final StringBuilder out = new StringBuilder();
        private int tags;

        @Override
        public int tag(String html, int from, int close, StringBuilder text) {
            take(text, 0);
            text.setLength(0);
            if (++tags > PREVIEW_MAX_TAGS || out.length() > PREVIEW_MAX_CHARS) {
                return html.length();
            }
            char first = html.charAt(from);
            if (first == '!') {
                return close + 1;
            }
            String name = tagName(html, from, close);
            boolean closing = first == '/';
            if (!closing && HIDDEN.contains(name) && html.charAt(close - 1) != '/') {
                int end = endTag(html, name, close + 1);
                // A head left open ends where the body starts, as in HTML5 tree construction.
                return name.equals("head") ? Math.min(end, startTag(html, "body", close + 1)) : end;
            }
            if (BREAK.contains(name)) {
                lineBreak();
            }
            return close + 1;
        }

        /** Appends {@code text} from {@code from} with runs of white space as one space. */
        void take(CharSequence text, int from) {
            for (int i = from; i < text.length() && out.length() <= PREVIEW_MAX_CHARS; i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    if (out.length() > 0
                            && out.charAt(out.length() - 1) != ' '
                            && out.charAt(out.length() - 1) != '\n') {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        /** Starts a new line unless the output is at the start of one. */
        private void lineBreak() {
            int n = out.length();
            while (n > 0 && out.charAt(n - 1) == ' ') {
                n--;
            }
            out.setLength(n);
            if (n > 0 && out.charAt(n - 1) != '\n' && n <= PREVIEW_MAX_CHARS) {
                out.append('\n');
            }
        }

        @Override
        public String toString() {
            return out.toString().strip();
        }
    }
}
