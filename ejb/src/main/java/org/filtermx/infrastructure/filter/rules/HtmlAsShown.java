package org.filtermx.infrastructure.filter.rules;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.infrastructure.mime.HtmlToText;

/**
 * What a reader of an HTML body sees and what the rules compare, in one pass from left to right:
 * the visible text, each link's target next to the text shown for it, the images, and the text a
 * reader cannot see (inside elements styled {@code display:none}, {@code visibility:hidden}, with a
 * zero or one-pixel font, or white on a page that sets no background).
 *
 * <p>It reads through the one HTML reader, {@link HtmlToText}. The Bayes reader ({@code
 * bayes.HtmlText}) turns the same markup into tokens; this one keeps what tokens lose: which text
 * belongs to which link and which text is hidden. Input, links and kept text are capped, and every
 * tag is looked at once, so the work is linear in the capped input.
 */
final class HtmlAsShown {

    /** Characters of HTML read; the parser caps bodies too, this bounds the rules on their own. */
    static final int MAX_HTML = 512 * 1024;

    /** Links kept with their text; later ones only count. */
    static final int MAX_LINKS = 200;

    private static final int MAX_LINK_TEXT = 200;
    private static final int MAX_TEXT = 64 * 1024;

    /** Characters of one tag looked at for attributes; real tags are far shorter. */
    private static final int MAX_TAG = 4096;

    /**
     * A hidden block before any visible text, up to this many letters, is a preview line
     * ("preheader") that mail clients show in the message list: newsletters hide it in the body on
     * purpose.
     */
    static final int PREHEADER_LETTERS = 300;

    /** A link's target and the text shown for it. */
    record Link(String href, String text) {}

    private final StringBuilder text = new StringBuilder();
    private final List<Link> links = new ArrayList<>();
    private int images;
    private int visibleLetters;
    private int hiddenLetters;
    private int whiteLetters;
    private boolean setsBackground;

    // The element that hides text, while inside it; nested elements of the same name are counted.
    private String hidingTag;
    private int hidingDepth;
    private boolean hidingIsWhite;
    private boolean hidingIsPreheader;
    private int hidingLetters;

    // The link whose text is being read.
    private String linkHref;
    private StringBuilder linkText;

    private HtmlAsShown() {}

    static HtmlAsShown read(String html) {
        HtmlAsShown view = new HtmlAsShown();
        view.walk(html == null ? "" : html);
        return view;
    }

    /** Visible text, block elements separated by spaces, capped. */
    String text() {
        return text.toString();
    }

    List<Link> links() {
        return links;
    }

    int images() {
        return images;
    }

    int visibleLetters() {
        return visibleLetters;
    }

    /** Letters a reader cannot see: hidden elements past the preview line, white text on white. */
    int hiddenLetters() {
        return hiddenLetters + (setsBackground ? 0 : whiteLetters);
    }

    private void walk(String html) {
        int end = Math.min(html.length(), MAX_HTML);
        String rest =
                HtmlToText.read(
                        html,
                        MAX_HTML,
                        (h, from, close, read) -> {
                            take(read);
                            if (close >= end) {
                                // A tag cut by the cap is not read.
                                return h.length();
                            }
                            return tag(h, from, close);
                        });
        take(rest);
        endHiding();
        endLink();
    }

    /** Moves the text read since the last tag through {@link #character}. */
    private void take(CharSequence read) {
        for (int k = 0; k < read.length(); k++) {
            character(read.charAt(k));
        }
        if (read instanceof StringBuilder builder) {
            builder.setLength(0);
        }
    }

    private void character(char c) {
        boolean letter = Character.isLetterOrDigit(c);
        if (hidingTag != null) {
            if (letter) {
                hidingLetters++;
            }
            return;
        }
        if (letter) {
            visibleLetters++;
        }
        if (text.length() < MAX_TEXT) {
            text.append(c);
        }
        if (linkText != null && linkText.length() < MAX_LINK_TEXT) {
            linkText.append(c);
        }
    }

    /** Handles the tag between {@code from} and {@code close}; returns where reading resumes. */
    private int tag(String html, int from, int close) {
        ScanInterrupted.checkpoint();
        boolean closing = html.charAt(from) == '/';
        int n = closing ? from + 1 : from;
        int nameStart = n;
        while (n < close && n - nameStart < 16 && Character.isLetterOrDigit(html.charAt(n))) {
            n++;
        }
        String name = AsciiCase.lower(html.substring(nameStart, n));
        if (closing) {
            closeTag(name);
            return close + 1;
        }
        String attributes = AsciiCase.lower(html.substring(n, Math.min(close, n + MAX_TAG)));
        if (isBlock(name)) {
            character(' ');
        }
        switch (name) {
            case "img" -> {
                if (hidingTag == null) {
                    images++;
                }
            }
            case "a" -> {
                endLink();
                String href = attribute(html.substring(n, Math.min(close, n + MAX_TAG)), "href");
                if (href != null && hidingTag == null) {
                    linkHref = href;
                    linkText = new StringBuilder();
                }
            }
            case "script", "style", "title" -> {
                int endTag =
                        indexOfIgnoreCase(
                                html, "</" + name, close, Math.min(html.length(), MAX_HTML));
                return endTag < 0 ? Math.min(html.length(), MAX_HTML) : endTag;
            }
            default -> {}
        }
        if (attributes.contains("bgcolor") || attributes.contains("background")) {
            setsBackground |= !whiteBackground(attributes);
        }
        if (hidingTag != null) {
            if (name.equals(hidingTag)) {
                hidingDepth++;
            }
        } else if (!isVoid(name) && !attributes.endsWith("/")) {
            Hiding hiding = hiding(name, attributes);
            if (hiding != Hiding.NONE) {
                hidingTag = name;
                hidingDepth = 1;
                hidingIsWhite = hiding == Hiding.WHITE;
                hidingIsPreheader = visibleLetters == 0;
                hidingLetters = 0;
            }
        }
        return close + 1;
    }

    private void closeTag(String name) {
        if (hidingTag != null && name.equals(hidingTag) && --hidingDepth == 0) {
            endHiding();
        }
        if (name.equals("a")) {
            endLink();
        }
        if (isBlock(name)) {
            character(' ');
        }
    }

    private void endHiding() {
        if (hidingTag == null) {
            return;
        }
        if (hidingIsWhite) {
            whiteLetters += hidingLetters;
        } else if (!(hidingIsPreheader && hidingLetters <= PREHEADER_LETTERS)) {
            hiddenLetters += hidingLetters;
        }
        hidingTag = null;
    }

    private void endLink() {
        if (linkHref != null) {
            if (links.size() < MAX_LINKS) {
                links.add(new Link(linkHref, linkText.toString().strip()));
            }
            linkHref = null;
            linkText = null;
        }
    }

    private enum Hiding {
        NONE,
        HIDDEN,
        WHITE
    }

    /** How an element's attributes (lower case) hide its text, if they do. */
    private static Hiding hiding(String name, String attributes) {
        String style = compact(styleOf(attributes));
        if (style.contains("display:none")
                || style.contains("visibility:hidden")
                || tinyFont(style)
                || zeroOpacity(style)) {
            return Hiding.HIDDEN;
        }
        if (name.equals("font")) {
            String color = attribute(attributes, "color");
            if (color != null && isWhite(compact(color))) {
                return Hiding.WHITE;
            }
        }
        int color = style.indexOf(";color:");
        int at = style.startsWith("color:") ? 0 : color < 0 ? -1 : color + 1;
        if (at >= 0 && !style.contains("background") && isWhite(valueAt(style, at + 6))) {
            return Hiding.WHITE;
        }
        return Hiding.NONE;
    }

    /** A font size of 0 in any unit, or at most two pixels or points. */
    private static boolean tinyFont(String style) {
        int at = style.indexOf("font-size:");
        if (at < 0) {
            return false;
        }
        String value = valueAt(style, at + 10);
        int digits = 0;
        while (digits < value.length()
                && (Character.isDigit(value.charAt(digits)) || value.charAt(digits) == '.')) {
            digits++;
        }
        if (digits == 0 || digits > 8) {
            return false;
        }
        double size;
        try {
            size = Double.parseDouble(value.substring(0, digits));
        } catch (NumberFormatException e) {
            return false;
        }
        String unit = value.substring(digits);
        return size == 0 || size <= 2 && (unit.equals("px") || unit.equals("pt"));
    }

    private static boolean zeroOpacity(String style) {
        int at = style.indexOf("opacity:");
        if (at < 0) {
            return false;
        }
        String value = valueAt(style, at + 8);
        return value.equals("0") || value.equals("0.0") || value.equals(".0");
    }

    private static boolean whiteBackground(String attributes) {
        String a = compact(attributes);
        return a.contains("#ffffff")
                || a.contains("#fff;")
                || a.contains("#fff\"")
                || a.contains("white");
    }

    private static boolean isWhite(String color) {
        String c = color.replace("\"", "").replace("'", "");
        return c.equals("#fff")
                || c.equals("#ffffff")
                || c.equals("white")
                || c.equals("#fefefe")
                || c.equals("rgb(255,255,255)");
    }

    /** The value in a compacted style from {@code at} to the next {@code ;} or end. */
    private static String valueAt(String style, int at) {
        int semi = style.indexOf(';', at);
        String value = semi < 0 ? style.substring(at) : style.substring(at, semi);
        return value.replace("!important", "");
    }

    private static String styleOf(String attributes) {
        String style = attribute(attributes, "style");
        return style == null ? "" : AsciiCase.lower(style);
    }

    /** Without white space and quotes, so {@code display : none} reads as {@code display:none}. */
    private static String compact(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return out.toString();
    }

    /**
     * The value of the named attribute in a tag's attribute text, quoted or not, or null: a scan
     * for {@code name=} preceded by a space, so {@code data-href} is not {@code href}.
     */
    static String attribute(String attributes, String name) {
        int from = 0;
        while (true) {
            int at = indexOfIgnoreCase(attributes, name, from, attributes.length());
            if (at < 0) {
                return null;
            }
            from = at + name.length();
            boolean separate =
                    at == 0
                            || Character.isWhitespace(attributes.charAt(at - 1))
                            || attributes.charAt(at - 1) == '"'
                            || attributes.charAt(at - 1) == '\'';
            int i = from;
            while (i < attributes.length() && Character.isWhitespace(attributes.charAt(i))) {
                i++;
            }
            if (!separate || i >= attributes.length() || attributes.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < attributes.length() && Character.isWhitespace(attributes.charAt(i))) {
                i++;
            }
            if (i >= attributes.length()) {
                return "";
            }
            char q = attributes.charAt(i);
            if (q == '"' || q == '\'') {
                int close = attributes.indexOf(q, i + 1);
                return attributes.substring(i + 1, close < 0 ? attributes.length() : close);
            }
            int stop = i;
            while (stop < attributes.length() && !Character.isWhitespace(attributes.charAt(stop))) {
                stop++;
            }
            return attributes.substring(i, stop);
        }
    }

    private static boolean isVoid(String name) {
        return switch (name) {
            case "img",
                    "br",
                    "hr",
                    "input",
                    "meta",
                    "link",
                    "area",
                    "base",
                    "col",
                    "wbr",
                    "source" ->
                    true;
            default -> false;
        };
    }

    private static boolean isBlock(String name) {
        return switch (name) {
            case "br",
                    "p",
                    "div",
                    "td",
                    "th",
                    "tr",
                    "li",
                    "table",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "hr",
                    "blockquote",
                    "center",
                    "pre",
                    "body" ->
                    true;
            default -> false;
        };
    }

    private static int indexOfIgnoreCase(String s, String what, int from, int end) {
        for (int i = from; i <= end - what.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }
}
