package org.filtermx.infrastructure.filter.bayes;

import java.text.Normalizer;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Splits free text into word tokens the way SpamBayes does, with its experimentally chosen rules:
 * split at white space, keep {@code $ ! %} (they carry signal, as in {@code $100} or {@code free!})
 * but trim other punctuation at the ends, lower-case, keep words of 3 to 20 characters, and
 * summarize the rest so that rare strings still count without bloating the store: longer words as
 * {@code skip:<first char><length rounded down to 10>}, plain numbers as {@code num:<digit count>},
 * runs of characters outside Latin script as {@code 8bit:<script>}. E-mail addresses and web
 * addresses in the text are handed to their own token rules.
 *
 * <p>Forms that differ only in ways a new sender varies are folded together, so that what is learnt
 * carries over to mail the training never saw: accents are folded ({@code café} counts as {@code
 * cafe}), a word with its signal punctuation also counts bare ({@code free!!!} as {@code free!} and
 * {@code free}), identifiers that mix letters and digits ({@code a8f3k2x91}, tracking codes, order
 * numbers) count only by their shape as {@code mixed:<length rounded down to 4>}, since each is
 * unique to one message, and text mostly in capitals adds {@code text:shouting}.
 *
 * <p>Each pair of adjacent words, both kept as plain words, also counts, as {@code bi:<word>
 * <word>}: phrases such as {@code bi:click here} or {@code bi:remove yourself} separate spam from
 * ham better than their words do alone (SpamBayes' bigram experiments; on the benchmark, 5 points
 * more spam caught at the quarantine score). It roughly doubles a message's tokens, which the cap
 * still bounds.
 */
final class WordTokens {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 20;

    /** Text beyond this many characters is not read: the parser caps parts, this caps the sum. */
    static final int MAX_TEXT = 200_000;

    /** Words a text needs before its share of words in capitals says anything. */
    private static final int SHOUT_MIN_WORDS = 20;

    private WordTokens() {}

    /** Adds the tokens of {@code text}, each prefixed by {@code prefix}. */
    static void add(TokenSet sink, String prefix, String text) {
        int end = Math.min(text.length(), MAX_TEXT);
        String previous = null;
        int words = 0;
        int capitals = 0;
        int i = 0;
        while (i < end && !sink.full()) {
            ScanInterrupted.checkpoint();
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String raw = text.substring(start, i);
                words++;
                if (raw.length() >= MIN_LENGTH && isCapitals(raw)) {
                    capitals++;
                }
                String w = word(sink, prefix, raw);
                if (w != null && previous != null) {
                    sink.add(prefix + "bi:" + previous + " " + w);
                }
                previous = w;
            }
        }
        if (words >= SHOUT_MIN_WORDS && capitals * 3 >= words) {
            sink.add(prefix + "text:shouting");
        }
    }

    /** Whether the word has letters, all of them capitals. */
    private static boolean isCapitals(String raw) {
        boolean letter = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x80) {
                // ASCII, answered as Character's tests would: only a-z are lower case, A-Z upper.
                if (c >= 'a' && c <= 'z') {
                    return false;
                }
                letter |= c >= 'A' && c <= 'Z';
            } else if (Character.isLowerCase(c)) {
                return false;
            } else {
                letter |= Character.isUpperCase(c);
            }
        }
        return letter;
    }

    private static String word(TokenSet sink, String prefix, String raw) {
        if (UrlTokens.looksLikeUrl(raw)) {
            UrlTokens.add(sink, raw);
            return null;
        }
        String w = LowerCase.of(trim(raw));
        if (w.indexOf('@') > 0 && w.indexOf('.', w.indexOf('@')) > 0) {
            AddressTokens.add(sink, prefix + "email", w);
            return null;
        }
        if (!isAscii(w)) {
            if (!isLatinWord(w)) {
                nonLatin(sink, prefix, w);
                return null;
            }
            w = foldAccents(w);
        }
        if (w.length() < MIN_LENGTH) {
            return null;
        }
        if (isNumber(w)) {
            sink.add(prefix + "num:" + w.chars().filter(Character::isDigit).count());
            return null;
        } else if (isIdentifier(w)) {
            sink.add(prefix + "mixed:" + (Math.min(w.length(), 40) / 4 * 4));
            return null;
        } else if (w.length() > MAX_LENGTH) {
            sink.add(prefix + "skip:" + w.charAt(0) + (w.length() / 10 * 10));
            return null;
        }
        w = collapseSignal(w);
        sink.add(prefix + w);
        String bare = bare(w);
        if (bare.length() >= MIN_LENGTH && !bare.equals(w)) {
            sink.add(prefix + bare);
        }
        return w;
    }

    /** Letters and digits mixed, long enough to be an identifier: at least 8 with 3 digits. */
    static boolean isIdentifier(String w) {
        if (w.length() < 8) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return digits >= 3 && letters >= 2;
    }

    /**
     * Runs of the same signal character ({@code $ ! %}) made one: {@code free!!!} → {@code free!}.
     */
    private static String collapseSignal(String w) {
        StringBuilder out = null;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean repeat = i > 0 && c == w.charAt(i - 1) && (c == '!' || c == '$' || c == '%');
            if (repeat && out == null) {
                out = new StringBuilder(w.length()).append(w, 0, i);
            } else if (!repeat && out != null) {
                out.append(c);
            }
        }
        return out == null ? w : out.toString();
    }

    /** The word without the signal characters at its ends. */
    private static String bare(String w) {
        int from = 0;
        int to = w.length();
        while (from < to && !Character.isLetterOrDigit(w.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(w.charAt(to - 1))) {
            to--;
        }
        return w.substring(from, to);
    }

    /** Latin letters without their accents: canonical decomposition, marks dropped. */
    static String foldAccents(String w) {
        StringBuilder fast = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 0x80) {
                fast.append(c);
            } else if (c < FOLDED_END && FOLDED[c - 0x80] != 0) {
                fast.append(FOLDED[c - 0x80]);
            } else {
                return foldBySlowPath(w);
            }
        }
        return fast.toString();
    }

    /** Letters U+0080 to U+017F (Latin-1 and Latin Extended-A) that fold to one ASCII letter. */
    private static final int FOLDED_END = 0x180;

    private static final char[] FOLDED = new char[FOLDED_END - 0x80];

    static {
        for (char c = 0x80; c < FOLDED_END; c++) {
            String d = foldBySlowPath(String.valueOf(c));
            if (d.length() == 1 && d.charAt(0) < 0x80) {
                FOLDED[c - 0x80] = d.charAt(0);
            }
        }
    }

    private static String foldBySlowPath(String w) {
        String decomposed = Normalizer.normalize(w, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One token per run of non-ASCII characters, named after the run's Unicode script. */
    private static void nonLatin(TokenSet sink, String prefix, String w) {
        int i = 0;
        while (i < w.length()) {
            int cp = w.codePointAt(i);
            if (cp < 0x80) {
                i += Character.charCount(cp);
                continue;
            }
            String script = LowerCase.of(Character.UnicodeScript.of(cp).name());
            sink.add(prefix + "8bit:" + script);
            while (i < w.length() && w.codePointAt(i) >= 0x80) {
                i += Character.charCount(w.codePointAt(i));
            }
        }
    }

    private static String trim(String w) {
        int from = 0;
        int to = w.length();
        while (from < to && !kept(w.charAt(from))) {
            from++;
        }
        while (to > from && !kept(w.charAt(to - 1))) {
            to--;
        }
        return w.substring(from, to);
    }

    private static boolean kept(char c) {
        return Character.isLetterOrDigit(c) || c == '$' || c == '!' || c == '%';
    }

    private static boolean isNumber(String w) {
        boolean digit = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (c != '.' && c != ',') {
                return false;
            }
        }
        return digit;
    }

    static boolean isAscii(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatinWord(String w) {
        return w.codePoints()
                .allMatch(
                        cp ->
                                cp < 0x80
                                        || Character.UnicodeScript.of(cp)
                                                == Character.UnicodeScript.LATIN);
    }
}
