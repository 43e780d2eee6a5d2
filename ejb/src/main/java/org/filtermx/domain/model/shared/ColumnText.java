package org.filtermx.domain.model.shared;

/**
 * Fits free text (remote replies, subjects, reasons) into its column: longer values are cut, so a
 * chatty remote server or a long subject can never make a log or spool write fail.
 */
public final class ColumnText {

    private ColumnText() {}

    /** {@code value} cut to at most {@code max} characters; {@code null} stays null. */
    public static String fit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
