package org.filtermx.infrastructure.reports;

/**
 * The pieces every HTML mail of the gateway is built from, written for mail clients rather than
 * browsers: one centred table of fixed width, inline styles only, no scripts, no images, no style
 * sheet; every text goes through {@link #escape}, every link through {@link #button} or {@link
 * #link} after {@link BoundedContent#link} has kept only http and https.
 */
final class Html {

    static final String FONT = "font-family:Arial,Helvetica,sans-serif;";
    static final String MUTED = "color:#5f6b7a;";
    static final String BORDER = "border-bottom:1px solid #e3e7ec;";

    private final StringBuilder out = new StringBuilder(8192);

    /** Starts the document: the grey page, the white 640-pixel column. */
    Html(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(escape(title))
                .append("</title></head>\n")
                .append("<body style=\"margin:0;padding:0;background-color:#f2f4f7;\">\n")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\"")
                .append(" cellspacing=\"0\" border=\"0\" style=\"background-color:#f2f4f7;\">")
                .append("<tr><td align=\"center\" style=\"padding:16px 8px;\">\n")
                .append("<table role=\"presentation\" width=\"640\" cellpadding=\"0\"")
                .append(" cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:640px;")
                .append("background-color:#ffffff;border:1px solid #dde2e8;")
                .append(FONT)
                .append("font-size:14px;line-height:20px;color:#1f2933;\">\n");
    }

    /** One full-width row of the column holding {@code innerHtml}, with padding. */
    Html row(String innerHtml) {
        out.append("<tr><td style=\"padding:12px 24px;\">")
                .append(innerHtml)
                .append("</td></tr>\n");
        return this;
    }

    /** Ends the document and returns it. */
    String close() {
        out.append("</table>\n</td></tr></table>\n</body></html>\n");
        return out.toString();
    }

    /**
     * {@code text} safe as element content and inside double- or single-quoted attributes; null
     * becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement =
                    switch (text.charAt(i)) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '\'' -> "&#39;";
                        default -> null;
                    };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement == null) {
                    escaped.append(text.charAt(i));
                } else {
                    escaped.append(replacement);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** A paragraph of escaped {@code text} with extra inline {@code style}. */
    static String paragraph(String text, String style) {
        return "<p style=\"margin:0 0 8px 0;" + style + "\">" + escape(text) + "</p>";
    }

    /** A link showing {@code label}, or the bare label when there is no usable link. */
    static String link(String href, String label) {
        if (href == null) {
            return escape(label);
        }
        return "<a href=\""
                + escape(href)
                + "\" style=\"color:#1a56db;text-decoration:underline;\">"
                + escape(label)
                + "</a>";
    }

    /**
     * A button-like link (a coloured cell, which every client draws, around the link), or nothing
     * when there is no usable link.
     */
    static String button(String href, String label) {
        if (href == null) {
            return "";
        }
        return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">"
                + "<tr><td style=\"background-color:#1a56db;border-radius:4px;\">"
                + "<a href=\""
                + escape(href)
                + "\" style=\"display:inline-block;padding:8px 16px;"
                + FONT
                + "font-size:14px;font-weight:bold;color:#ffffff;text-decoration:none;\">"
                + escape(label)
                + "</a></td></tr></table>";
    }
}
