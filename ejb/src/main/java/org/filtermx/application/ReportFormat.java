package org.filtermx.application;

import org.filtermx.domain.model.shared.LowerCase;

/** How a report reaches its reader: an HTML mail, or an HTML mail with the PDF attached. */
public enum ReportFormat {
    HTML,
    PDF;

    /** The format stored for email users and domains ({@code html} or {@code pdf}). */
    public static ReportFormat of(String stored) {
        return "pdf".equalsIgnoreCase(stored) ? PDF : HTML;
    }

    public String stored() {
        return LowerCase.of(name());
    }
}
