package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.filter.ScanInterrupted;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTML body the way its reader would see it, and notes how it was built: returns the
 * visible text (tags removed, character references decoded, script and style dropped) and adds
 * {@code html:<tag>} for each element used, {@code html:comment} for comments (a common trick to
 * split words apart), and URL tokens for link, image and form targets. Inline tags are removed
 * without a trace, so {@code fr<b></b>ee} reads as {@code free}; block tags separate words.
 */
final class HtmlText {

    private static final Set<String> BLOCK =
            Set.of(
                    "br",
                    "p",
                    "div",
                    "td",
                    "th",
                    "tr",
                    "li",
                    "ul",
                    "ol",
                    "table",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "title",
                    "hr",
                    "blockquote",
                    "center",
                    "pre",
                    "body",
                    "html",
                    "head",
                    "option",
                    "form");

    /**
     * Elements nearly every HTML document has; a token for each would only repeat, several times
     * over, that the message is HTML, and correlated tokens are counted as independent evidence.
     */
    private static final Set<String> STRUCTURE =
            Set.of(
                    "html", "head", "body", "title", "meta", "br", "p", "div", "table", "tr", "td",
                    "th", "tbody", "span");

    private static final Pattern LINK =
            Pattern.compile(
                    "(?i)\\b(?:href|src|action|background)\\s*=\\s*"
                            + "(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    /** Closing tags that mark text as HTML: {@code </a>}, {@code </b>}, ... */
    private static final String[] CLOSING = {"a", "b", "p", "font", "div", "td", "html", "body"};
    /** Opening tags that mark text as HTML, each followed by a non-word character or the end. */
    private static final String[] OPENING = {"br", "html", "body", "font", "a href"};
    private static final int MAX_TAG_NAME = 12;
    /** Characters of one tag searched for link targets; real tags are far shorter. */
    private static final int MAX_TAG = 8192;

    private HtmlText() {}

    /** Whether text declared plain has HTML markup in it: closing tags or common elements. */
    static boolean looksLikeHtml(String text) {
        // A scan from '<' to '<' rather than a case-insensitive regular expression: this runs on
        // every text part of every message, and the regex tried its alternatives at every offset.
        int end = Math.min(text.length(), WordTokens.MAX_TEXT);
        for (int lt = text.indexOf('<'); lt >= 0 && lt < end; lt = text.indexOf('<', lt + 1)) {
            if (markupAt(text, lt + 1, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean markupAt(String text, int at, int end) {
        if (at < end && text.charAt(at) == '/') {
            for (String name : CLOSING) {
                int close = at + 1 + name.length();
                if (close < end && asciiMatch(text, at + 1, name) && text.charAt(close) == '>') {
                    return true;
                }
            }
            return false;
        }
        for (String name : OPENING) {
            int after = at + name.length();
            if (after <= end && asciiMatch(text, at, name) && (after == end || !isWordChar(text.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} (lower-case ASCII) is at {@code at}, ignoring ASCII case only. */
    private static boolean asciiMatch(String text, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = text.charAt(at + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** What {@code \\b} in a Java 17 regular expression counts as part of a word. */
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static String read(String html, TokenSet sink) {
        int end = Math.min(html.length(), WordTokens.MAX_TEXT);
        StringBuilder text = new StringBuilder(end);
        int i = 0;
        while (i < end) {
            char c = html.charAt(i);
            if (c == '<' && html.startsWith("<!--", i)) {
                sink.add("html:comment");
                int close = html.indexOf("-->", i + 4);
                i = close < 0 ? end : close + 3;
            } else if (c == '<' && i + 1 < end && isTagStart(html.charAt(i + 1))) {
                int close = html.indexOf('>', i + 1);
                if (close < 0) {
                    break;
                }
                i = tag(html, i + 1, close, sink, text);
            } else if (c == '&') {
                i = CharacterReference.decode(html, i, text);
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '/' || c == '!';
    }

    /** Handles the tag between {@code from} and {@code close}; returns where reading resumes. */
    private static int tag(String html, int from, int close, TokenSet sink, StringBuilder text) {
        ScanInterrupted.checkpoint();
        String body = html.substring(from, close);
        boolean closing = body.startsWith("/");
        int n = closing ? 1 : 0;
        while (n < body.length() && Character.isLetterOrDigit(body.charAt(n))) {
            n++;
        }
        String name = body.substring(closing ? 1 : 0, n).toLowerCase(Locale.ROOT);
        if (BLOCK.contains(name)) {
            text.append(' ');
        }
        if (closing || name.isEmpty()) {
            return close + 1;
        }
        if (name.length() <= MAX_TAG_NAME && !STRUCTURE.contains(name)) {
            sink.add("html:" + name);
        }
        // Only the start of an overlong tag is searched for link targets, bounding the pattern.
        Matcher m = LINK.matcher(body.length() > MAX_TAG ? body.substring(0, MAX_TAG) : body);
        while (m.find()) {
            String target =
                    m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (UrlTokens.looksLikeUrl(target)) {
                UrlTokens.add(sink, target);
            }
        }
        if (name.equals("script") || name.equals("style")) {
            int endTag = indexOfIgnoreCase(html, "</" + name, close);
            return endTag < 0 ? html.length() : endTag;
        }
        return close + 1;
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = from; i <= s.length() - what.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }
}
