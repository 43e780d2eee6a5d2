package org.filtermx.infrastructure.filter.rules;

/**
 * Lower case for ASCII letters only, one character for one: what the rules compare (hosts, phrases,
 * tags, brand names) is ASCII, indexes stay valid in the original, and the work is one pass. {@link
 * String#toLowerCase} is not used on mail input: characters whose lower case is longer (such as
 * U+0130) make Java 17 grow its result again and again, quadratic in their number.
 */
final class AsciiCase {

    private AsciiCase() {}

    static String lower(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? s : new String(out);
    }
}
