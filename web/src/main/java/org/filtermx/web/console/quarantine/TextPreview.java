package org.filtermx.web.console.quarantine;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a held message for the console's preview: its text/plain part, or else the text of
 * its HTML part read by jsoup's HTML5 parser with script, style, head and template content
 * dropped. The preview is plain text shown escaped, so no markup, script or remote content of the
 * message ever reaches the browser. Regular expressions over the HTML took minutes on 300,000
 * {@code <}; the parser reads the (capped) input in one pass.
 */
public final class TextPreview {

    /** The most text a preview shows. */
    static final int MAX_CHARS = 20_000;

    /** The most HTML read for a preview; what follows could not be shown anyway. */
    static final int MAX_HTML = 256 * 1024;

    /**
     * The most tags read for a preview. HTML5 tree construction (foster parenting, re-opening
     * formatting elements) costs more than linear time in the number of open tables and
     * formatting elements; 8,192 tags (more than large newsletters have) bound it to well under a
     * second even when every tag is hostile.
     */
    static final int MAX_TAGS = 8192;

    /** How deep elements nest before jsoup closes them; real mail rarely nests 30 deep. */
    static final int MAX_DEPTH = 64;

    /** Elements whose content a reader never sees as text. */
    private static final Set<String> HIDDEN =
            Set.of("script", "style", "head", "title", "template", "noscript", "svg", "math");

    /** Elements that end a line, as a browser lays them out. */
    private static final Set<String> BREAK =
            Set.of("br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                    "ul", "ol", "blockquote", "pre", "hr", "dd", "dt");

    private TextPreview() {}

    /** The preview of a raw RFC 5322 message. */
    public static String of(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String plain = find(message, "text/plain", 0);
            String text = plain != null ? plain : htmlToText(find(message, "text/html", 0));
            if (text == null) {
                return "(This message has no text part to preview.)";
            }
            return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\n[… preview cut at "
                    + MAX_CHARS + " characters]" : text;
        } catch (MessagingException | IOException | RuntimeException e) {
            return "(The message could not be read for a preview: " + e.getMessage() + ")";
        }
    }

    private static String find(Part part, String type, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            return null;
        }
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            Object content = part.getContent();
            return content instanceof String s ? s : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The visible text of an HTML body (of its capped start); the result is still shown escaped. */
    static String htmlToText(String html) {
        if (html == null) {
            return null;
        }
        Document document = Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(capped(html), "");
        VisibleText text = new VisibleText();
        NodeTraversor.traverse(text, document);
        return text.toString();
    }

    /** The start of {@code html}: at most {@value #MAX_HTML} characters and {@value #MAX_TAGS} tags. */
    private static String capped(String html) {
        int end = Math.min(html.length(), MAX_HTML);
        int tags = 0;
        for (int i = html.indexOf('<'); i >= 0 && i < end; i = html.indexOf('<', i + 1)) {
            if (opensTag(html, i + 1) && ++tags > MAX_TAGS) {
                end = i;
                break;
            }
        }
        return html.substring(0, end);
    }

    /** Whether a {@code <} before {@code at} starts markup (HTML5 tokenizer, tag open state). */
    private static boolean opensTag(String html, int at) {
        if (at >= html.length()) {
            return false;
        }
        char c = html.charAt(at);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    /**
     * Collects text nodes outside hidden elements, white space collapsed, with a line break after
     * block elements and at most one blank line in a row. NodeTraversor walks iteratively, so deep
     * nesting costs no stack; the walk stops once the preview is full.
     */
    private static final class VisibleText implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int hiddenDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof Element e && HIDDEN.contains(e.normalName())) {
                hiddenDepth++;
            } else if (hiddenDepth == 0 && node instanceof TextNode t) {
                appendCollapsed(t.getWholeText());
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (HIDDEN.contains(e.normalName())) {
                    hiddenDepth--;
                } else if (hiddenDepth == 0 && BREAK.contains(e.normalName()) && out.length() <= MAX_CHARS) {
                    lineBreak();
                }
            }
        }

        private void appendCollapsed(String text) {
            for (int i = 0; i < text.length() && out.length() <= MAX_CHARS; i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != ' '
                            && out.charAt(out.length() - 1) != '\n') {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void lineBreak() {
            int n = out.length();
            while (n > 0 && out.charAt(n - 1) == ' ') {
                n--;
            }
            out.setLength(n);
            boolean blankLine = n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
            if (n > 0 && !blankLine) {
                out.append('\n');
            }
        }

        @Override
        public String toString() {
            return out.toString().strip();
        }
    }
}
