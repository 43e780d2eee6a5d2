package org.filtermx.domain.model.brand;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * A brand colour: exactly {@code #rrggbb}, checked by a linear scan and returned in lower case, so
 * that it can be written into a style sheet, an inline style or a PDF without escaping.
 */
public final class BrandColor {

    private BrandColor() {}

    /**
     * The colour {@code value} in lower case; null for null or blank (the built-in colour).
     *
     * @throws IllegalArgumentException when it is not {@code #rrggbb}
     */
    public static String parse(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        boolean ok = v.length() == 7 && v.charAt(0) == '#';
        for (int i = 1; ok && i < v.length(); i++) {
            char c = v.charAt(i);
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "the " + what + " must be a colour written #rrggbb, e.g. #1a56db");
        }
        return LowerCase.of(v);
    }
}
