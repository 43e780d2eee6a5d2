package org.filtermx.domain.model.shared;

import java.util.Locale;

/**
 * A keyword a client sends (an enum's name, a setting's value) in upper case, for comparing with
 * the known ones. Only text short enough to be a keyword is upper-cased: {@link String#toUpperCase}
 * grows its result once for each character whose upper case is longer ({@code ß} is {@code SS}),
 * quadratic in their number, and a request body may hold millions (ADR 0057). Longer text comes
 * back stripped and otherwise unchanged, and so matches none.
 */
public final class Keyword {

    /** Longer than any keyword FilterMX knows. */
    static final int MAX_LENGTH = 64;

    private Keyword() {}

    public static String upper(String text) {
        String s = text.strip();
        return s.length() > MAX_LENGTH ? s : s.toUpperCase(Locale.ROOT);
    }
}
