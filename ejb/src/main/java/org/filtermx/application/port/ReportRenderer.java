package org.filtermx.application.port;

import org.filtermx.application.ReportContent;
import org.filtermx.application.WelcomeContent;

/**
 * Turns report content into what a mail carries: a subject, a plain-text part, an HTML part that
 * works in common mail clients (inline styles, no scripts, no remote images) and, for the PDF
 * format, the PDF. Templates are compiled once per node; fonts are embedded.
 */
public interface ReportRenderer {

    /** The report, in the content's format (the PDF only when the format asks for it). */
    RenderedReport render(ReportContent content);

    /** The welcome mail of an automatically enabled user (never a PDF). */
    RenderedReport welcome(WelcomeContent content);

    /**
     * A rendered mail: its subject, the plain-text and HTML alternatives, and the PDF attachment
     * ({@code null} when there is none) with its file name; the brand's logo, which the HTML shows
     * as {@code cid:}{@link #LOGO_CID} (RFC 2392), and the brand's support address as Reply-To
     * (both {@code null} for the cluster's brand).
     */
    record RenderedReport(
            String subject,
            String text,
            String html,
            byte[] pdf,
            String pdfFileName,
            byte[] logo,
            String logoType,
            String replyTo) {

        /** The Content-ID of the inline logo. */
        public static final String LOGO_CID = "brand-logo@filtermx";

        /** A mail without a logo or Reply-To. */
        public RenderedReport(
                String subject, String text, String html, byte[] pdf, String pdfFileName) {
            this(subject, text, html, pdf, pdfFileName, null, null, null);
        }
    }
}
