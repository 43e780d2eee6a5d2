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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a held message for the console's preview: its text/plain part, or else the text of
 * its HTML part with every tag, script, style and link target dropped. The preview is plain text
 * shown escaped, so no markup, script or remote content of the message ever reaches the browser.
 */
public final class TextPreview {

    /** The most text a preview shows. */
    static final int MAX_CHARS = 20_000;

    private static final Pattern HIDDEN = Pattern.compile(
            "(?is)<(script|style|head|title|template|noscript)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/tr|/li|/h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern NUMERIC = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);");

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

    /** The visible text of an HTML body; the result is still shown escaped. */
    static String htmlToText(String html) {
        if (html == null) {
            return null;
        }
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decodeEntities(text);
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n").strip();
    }

    private static String decodeEntities(String text) {
        Matcher m = NUMERIC.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = m.group(1);
            int cp;
            try {
                cp = code.startsWith("x") || code.startsWith("X")
                        ? Integer.parseInt(code.substring(1), 16) : Integer.parseInt(code);
            } catch (NumberFormatException e) {
                cp = 0xFFFD;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD"));
        }
        m.appendTail(out);
        return out.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
