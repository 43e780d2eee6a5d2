package org.filtermx.domain.model.shared;

import java.util.Locale;

/**
 * Lower case for text from mail or a client, exactly as {@code toLowerCase(Locale.ROOT)} gives it,
 * in time linear in the text's length.
 *
 * <p>{@link String#toLowerCase} grows its result by one character each time it meets U+0130 (LATIN
 * CAPITAL LETTER I WITH DOT ABOVE, whose lower case is two characters, {@code i} and U+0307): a
 * word of 200,000 of them took 9.4 s on one core (JDK 17), out of reach of the scan's time budget,
 * which is checked between words. Every other character lower-cases to as many characters as it has
 * (the only other special case of the root locale, the final sigma, is one character for one), so
 * here each U+0130 is first replaced by {@code I}, a cased letter like it (the final-sigma rule
 * sees the same context), the text is lower-cased at its original length, and {@code i} U+0307 is
 * put back where each U+0130 stood.
 */
public final class LowerCase {

    private static final char DOTTED_CAPITAL_I = '\u0130';

    private LowerCase() {}

    public static String of(String text) {
        int at = text.indexOf(DOTTED_CAPITAL_I);
        if (at < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        String lower = text.replace(DOTTED_CAPITAL_I, 'I').toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + 16);
        int from = 0;
        for (; at >= 0; at = text.indexOf(DOTTED_CAPITAL_I, at + 1)) {
            out.append(lower, from, at).append("i\u0307");
            from = at + 1;
        }
        return out.append(lower, from, lower.length()).toString();
    }
}
