package org.filtermx.infrastructure.filter.bayes;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.mime.HtmlToText;

/**
 * Reads an HTML body the way its reader would see it (through the one HTML reader, {@link
 * HtmlToText}), and notes how it was built: returns the visible text (tags removed, character
 * references decoded, script and style dropped) and adds {@code html:<tag>} for each element used,
 * {@code html:comment} for comments (a common trick to split words apart), and URL tokens for link,
 * image and form targets. Inline tags are removed without a trace, so {@code fr<b></b>ee} reads as
 * {@code free}; block tags separate words.
 *
 * <p>It also notes the obfuscations that honest HTML rarely needs, which a new campaign keeps while
 * its words and hosts change: text made invisible ({@code html:invisible}: {@code display:none},
 * {@code visibility:hidden}, white text, a zero font size), tiny fonts ({@code html:tiny-font}), a
 * link whose text names another registered domain than its target ({@code html:link-other-host}),
 * and images with little text around them ({@code html:images:<n>}, {@code
 * html:images-little-text}).
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

    /** Visible letters below which a message with images is "images, little text". */
    static final int LITTLE_TEXT = 200;

    /** Characters of a link's text read for a host name. */
    private static final int MAX_LINK_TEXT = 512;

    /** What reading one document found out about how it was built. */
    private static final class Markers {
        int images;

        /** The registered domain of the open link's target, or null outside a link. */
        String linkDomain;

        /** Where the open link's text starts in the text read so far. */
        int linkTextStart;
    }

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
            if (after <= end
                    && asciiMatch(text, at, name)
                    && (after == end || !isWordChar(text.charAt(after)))) {
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
        Markers markers = new Markers();
        String text =
                HtmlToText.read(
                        html,
                        WordTokens.MAX_TEXT,
                        new HtmlToText.Markup() {
                            @Override
                            public void comment() {
                                sink.add("html:comment");
                            }

                            @Override
                            public int tag(String h, int from, int close, StringBuilder read) {
                                return HtmlText.tag(h, from, close, sink, read, markers);
                            }
                        });
        if (markers.images > 0) {
            sink.add(
                    "html:images:"
                            + (markers.images == 1 ? "1" : markers.images <= 3 ? "2-3" : "4+"));
            if (letters(text) < LITTLE_TEXT) {
                sink.add("html:images-little-text");
            }
        }
        return text;
    }

    private static int letters(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length() && n < LITTLE_TEXT; i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Style and presentation attributes that hide text or shrink it out of sight. */
    private static void presentation(String lowerTag, String name, TokenSet sink) {
        String t = lowerTag.replace(" ", "");
        if (t.contains("display:none")
                || t.contains("visibility:hidden")
                || t.contains("color:#fff;")
                || t.contains("color:#ffffff")
                || t.contains("color=#ffffff")
                || t.contains("color=\"#ffffff")
                || t.contains("color=white")
                || t.contains("color=\"white")
                || t.contains("color:white")
                || t.contains("font-size:0")) {
            sink.add("html:invisible");
        }
        if ((name.equals("font")
                        && (t.contains("size=1")
                                || t.contains("size=\"1\"")
                                || t.contains("size=-")
                                || t.contains("size=\"-")))
                || t.contains("font-size:1px")
                || t.contains("font-size:2px")
                || t.contains("font-size:3px")
                || t.contains("font-size:1pt")
                || t.contains("font-size:2pt")) {
            sink.add("html:tiny-font");
        }
    }

    /** Whether the link's text names a host of another registered domain than its target. */
    private static void closeLink(StringBuilder text, Markers markers, TokenSet sink) {
        String target = markers.linkDomain;
        if (target == null) {
            return;
        }
        int from = markers.linkTextStart;
        int to = Math.min(text.length(), from + MAX_LINK_TEXT);
        String linkText = LowerCase.of(text.substring(Math.min(from, to), to));
        markers.linkDomain = null;
        for (String word : linkText.split("[\\s<>\"'()]+")) {
            String host = hostIn(word);
            if (host != null && !HostTokens.registered(host).equals(target)) {
                sink.add("html:link-other-host");
                return;
            }
        }
    }

    /** Handles the tag between {@code from} and {@code close}; returns where reading resumes. */
    private static int tag(
            String html, int from, int close, TokenSet sink, StringBuilder text, Markers markers) {
        ScanInterrupted.checkpoint();
        String body = html.substring(from, close);
        boolean closing = body.startsWith("/");
        int n = closing ? 1 : 0;
        while (n < body.length() && Character.isLetterOrDigit(body.charAt(n))) {
            n++;
        }
        String name = LowerCase.of(body.substring(closing ? 1 : 0, n));
        if (name.equals("a")) {
            // A link ends where the next begins, if its end tag is missing.
            closeLink(text, markers, sink);
        }
        if (BLOCK.contains(name)) {
            text.append(' ');
        }
        if (closing || name.isEmpty()) {
            return close + 1;
        }
        String bounded = body.length() > MAX_TAG ? body.substring(0, MAX_TAG) : body;
        if (name.equals("img")) {
            markers.images++;
        }
        if (bounded.indexOf('=') >= 0) {
            presentation(LowerCase.of(bounded), name, sink);
        }
        if (name.length() <= MAX_TAG_NAME && !STRUCTURE.contains(name)) {
            sink.add("html:" + name);
        }
        // Only the start of an overlong tag is searched for link targets, bounding the pattern.
        Matcher m = LINK.matcher(bounded);
        while (m.find()) {
            String target =
                    m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (UrlTokens.looksLikeUrl(target)) {
                UrlTokens.add(sink, target);
                if (name.equals("a")) {
                    String host = hostIn(LowerCase.of(target.strip()));
                    if (host != null) {
                        markers.linkDomain = HostTokens.registered(host);
                        markers.linkTextStart = text.length();
                    }
                }
            }
        }
        if (name.equals("script") || name.equals("style")) {
            return HtmlToText.endTag(html, name, close);
        }
        return close + 1;
    }

    /**
     * The host a word written as a web address names ({@code http://host/...}, {@code www.host...}
     * or {@code host.tld/...}), lower case; null when it names none.
     */
    static String hostIn(String word) {
        String w = word;
        int scheme = w.indexOf("://");
        if (scheme >= 0) {
            w = w.substring(scheme + 3);
        } else if (!w.startsWith("www.")) {
            return null;
        }
        int end = 0;
        while (end < w.length()) {
            char c = w.charAt(end);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
                break;
            }
            end++;
        }
        String host = HostTokens.withoutTrailingDots(w.substring(0, end));
        return host.indexOf('.') > 0 && !HostTokens.isNumeric(host) ? host : null;
    }
}
