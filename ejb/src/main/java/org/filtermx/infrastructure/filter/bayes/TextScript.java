package org.filtermx.infrastructure.filter.bayes;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * The Unicode script the text is written in, as {@code text:script:<script>} for the script of most
 * of its letters and {@code text:script:mixed} when a second script has at least a fifth of them,
 * as in words spelt with look-alike letters of another alphabet. Reads at most {@value #MAX_CHARS}
 * characters of each text, one pass.
 */
final class TextScript {

    static final int MAX_CHARS = 20_000;

    private TextScript() {}

    /** Adds the script tokens of the texts; returns how many letters were read. */
    static int add(TokenSet sink, String... texts) {
        int[] counts = new int[Character.UnicodeScript.values().length];
        int letters = 0;
        for (String text : texts) {
            int end = Math.min(text.length(), MAX_CHARS);
            for (int i = 0; i < end; ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetter(cp)) {
                    letters++;
                    counts[
                            cp < 0x80
                                    ? Character.UnicodeScript.LATIN.ordinal()
                                    : Character.UnicodeScript.of(cp).ordinal()]++;
                }
            }
        }
        if (letters == 0) {
            sink.add("text:script:none");
            return 0;
        }
        int first = 0;
        int second = -1;
        for (int s = 1; s < counts.length; s++) {
            if (counts[s] > counts[first]) {
                second = first;
                first = s;
            } else if (second < 0 || counts[s] > counts[second]) {
                second = s;
            }
        }
        sink.add("text:script:" + name(first));
        if (second >= 0 && counts[second] * 5 >= letters) {
            sink.add("text:script:mixed");
        }
        return letters;
    }

    private static String name(int ordinal) {
        return LowerCase.of(Character.UnicodeScript.values()[ordinal].name());
    }
}
