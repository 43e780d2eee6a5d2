package org.filtermx.infrastructure.reports;

import org.filtermx.application.Brand;
import org.filtermx.application.port.ReportRenderer.RenderedReport;

/**
 * The pieces every HTML mail of the gateway is built from, written for mail clients rather than
 * browsers: one centred table of fixed width, inline styles only, no scripts, no style sheet, no
 * image but a reseller's logo carried in the mail itself ({@code cid:}, never a remote URL); every
 * text goes through {@link #escape}, every link through {@link #button} or {@link #link} after
 * {@link BoundedContent#link} has kept only http and https. Brand colours come validated as {@code
 * #rrggbb} and go into styles as they are.
 */
final class Html {

    static final String FONT = "font-family:Arial,Helvetica,sans-serif;";
    static final String MUTED = "color:#5f6b7a;";
    static final String BORDER = "border-bottom:1px solid #e3e7ec;";

    static final String LINK_COLOR = "#1a56db";

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

    /**
     * A reseller's header band: its logo (inline, {@code cid:}) and product name on its primary
     * colour. Nothing for the cluster's brand, whose mails look as they always did.
     */
    Html brandHeader(Brand brand) {
        if (brand.version() == null) {
            return this;
        }
        out.append("<tr><td style=\"padding:12px 24px;background-color:")
                .append(brand.primaryOr("#1f2933"))
                .append(";color:#ffffff;font-size:18px;line-height:24px;font-weight:bold;\">");
        if (brand.logo() != null) {
            out.append("<img src=\"cid:")
                    .append(RenderedReport.LOGO_CID)
                    .append("\" alt=\"")
                    .append(escape(brand.productName()))
                    .append("\" height=\"40\" style=\"display:block;border:0;height:40px;")
                    .append("margin:0 0 6px 0;\">");
        }
        out.append(escape(brand.productName())).append("</td></tr>\n");
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
        return link(href, label, LINK_COLOR);
    }

    /** A link in {@code color} (a validated {@code #rrggbb}). */
    static String link(String href, String label, String color) {
        if (href == null) {
            return escape(label);
        }
        return "<a href=\""
                + escape(href)
                + "\" style=\"color:"
                + color
                + ";text-decoration:underline;\">"
                + escape(label)
                + "</a>";
    }

    /**
     * A button-like link (a coloured cell, which every client draws, around the link), or nothing
     * when there is no usable link.
     */
    static String button(String href, String label) {
        return button(href, label, LINK_COLOR);
    }

    /** A button in {@code color} (a validated {@code #rrggbb}). */
    static String button(String href, String label, String color) {
        if (href == null) {
            return "";
        }
        return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">"
                + "<tr><td style=\"background-color:"
                + color
                + ";border-radius:4px;\">"
                + "<a href=\""
                + escape(href)
                + "\" style=\"display:inline-block;padding:8px 16px;"
                + FONT
                + "font-size:14px;font-weight:bold;color:#ffffff;text-decoration:none;\">"
                + escape(label)
                + "</a></td></tr></table>";
    }
}
