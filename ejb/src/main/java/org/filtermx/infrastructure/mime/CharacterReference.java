package org.filtermx.infrastructure.mime;

import java.util.Map;

/**
 * Decodes HTML character references ({@code &amp;}, {@code &#65;}, {@code &#x41;}) so that words
 * spelt with them, a common way to hide words from filters, read as the words they show. Only the
 * named references common in mail are known; others stay as written.
 */
public final class CharacterReference {

    private static final Map<String, String> NAMED =
            Map.of(
                    "nbsp", " ", "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
                    "copy", "\u00a9", "reg", "\u00ae", "trade", "\u2122");
    private static final int MAX_LENGTH = 10;

    private CharacterReference() {}

    /** Appends the reference starting at {@code amp} to {@code out}; returns the index after it. */
    public static int decode(String s, int amp, StringBuilder out) {
        // The ';' is looked for within MAX_LENGTH only: a search to the end of the text for
        // every '&' made 200,000 '&' quadratic.
        int semi = -1;
        for (int i = amp + 1; i < s.length() && i - amp <= MAX_LENGTH; i++) {
            if (s.charAt(i) == ';') {
                semi = i;
                break;
            }
        }
        if (semi < 0) {
            out.append('&');
            return amp + 1;
        }
        String ref = s.substring(amp + 1, semi);
        String decoded = ref.startsWith("#") ? numeric(ref.substring(1)) : NAMED.get(ref);
        if (decoded == null) {
            out.append('&');
            return amp + 1;
        }
        out.append(decoded);
        return semi + 1;
    }

    private static String numeric(String digits) {
        try {
            int cp =
                    digits.startsWith("x") || digits.startsWith("X")
                            ? Integer.parseInt(digits.substring(1), 16)
                            : Integer.parseInt(digits);
            return Character.isValidCodePoint(cp) ? Character.toString(cp) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
