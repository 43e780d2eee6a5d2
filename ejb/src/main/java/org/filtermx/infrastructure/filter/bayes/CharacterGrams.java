package org.filtermx.infrastructure.filter.bayes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The features of the {@link LogisticRegression} learner: every distinct 4-byte window of the first
 * {@value #DEFAULT_MAX_BYTES} bytes of the message as its sender wrote it, each window's 32 bits
 * taken as its key. Overlapping byte 4-grams as binary features are what the best filters of the
 * TREC 2005-2007 spam tracks used (Goodman and Yih, "Online discriminative spam filter training",
 * CEAS 2006; Sculley and Wachman, "Relaxed online SVMs for spam filtering", SIGIR 2007): they need
 * no idea of a word, so they see through misspellings, glued words, odd punctuation and any
 * language or script, and they capture header layout that word tokens miss.
 *
 * <p>The text read is the sender's header fields (the same fields {@link HeaderTokens} learns from:
 * not the path the message took nor what a mailing list or the receiving site added, and without
 * the per-message {@code Message-ID} and {@code Date} and the recipients' {@code To} and {@code
 * Cc}, which would teach it the training site's people), then the subject and body text as shown
 * (HTML read by {@link HtmlText}), runs of white space made one space. Reading only the first bytes
 * bounds the work per message and is how the TREC filters did it.
 */
final class CharacterGrams {

    static final int DEFAULT_MAX_BYTES = 3000;

    private static final int N = 4;

    /**
     * Sender's fields whose bytes are unique to a message ({@code Message-ID}, {@code Date}) or
     * name the receiving site's people ({@code To}, {@code Cc}): their 4-grams are memory.
     */
    private static final Set<String> PER_MESSAGE_OR_SITE = Set.of("message-id", "date", "to", "cc");

    private final int maxBytes;

    CharacterGrams() {
        this(DEFAULT_MAX_BYTES);
    }

    CharacterGrams(int maxBytes) {
        if (maxBytes < N) {
            throw new IllegalArgumentException("maxBytes must be at least " + N + ": " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The message's distinct 4-gram keys, in ascending order. */
    long[] of(ParsedMessage message) {
        return of(text(message));
    }

    /** The distinct 4-gram keys of {@code text}'s first bytes (UTF-8), in ascending order. */
    long[] of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, maxBytes);
        if (n < N) {
            return new long[0];
        }
        int[] keys = new int[n - N + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] =
                    (b[i] & 0xff) << 24
                            | (b[i + 1] & 0xff) << 16
                            | (b[i + 2] & 0xff) << 8
                            | (b[i + 3] & 0xff);
        }
        keys = sortedUnsigned(keys);
        long[] distinct = new long[keys.length];
        int d = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                distinct[d++] = keys[i] & 0xFFFF_FFFFL;
            }
        }
        return Arrays.copyOf(distinct, d);
    }

    /**
     * The keys in ascending unsigned order: a radix sort, a byte at a time from the lowest, each
     * pass a stable counting sort. Every message's few thousand keys were sorted by comparison
     * before, a twentieth of the relay's CPU; four linear passes cost a fraction of that. A pass
     * whose byte is the same in every key is skipped.
     */
    static int[] sortedUnsigned(int[] keys) {
        int[] from = keys;
        int[] to = new int[keys.length];
        int[] count = new int[257];
        for (int shift = 0; shift < 32; shift += 8) {
            Arrays.fill(count, 0);
            for (int k : from) {
                count[((k >>> shift) & 0xff) + 1]++;
            }
            if (count[((from[0] >>> shift) & 0xff) + 1] == from.length) {
                continue;
            }
            for (int i = 0; i < 256; i++) {
                count[i + 1] += count[i];
            }
            for (int k : from) {
                to[count[(k >>> shift) & 0xff]++] = k;
            }
            int[] t = from;
            from = to;
            to = t;
        }
        return from;
    }

    /** What the sender wrote: authored header fields, then the text as shown. */
    static String text(ParsedMessage message) {
        StringBuilder s = new StringBuilder();
        for (HeaderField field : message.headers()) {
            ScanInterrupted.checkpoint();
            String name = LowerCase.of(field.name());
            if (HeaderTokens.isSenders(name) && !PER_MESSAGE_OR_SITE.contains(name)) {
                s.append(field.name()).append(": ").append(field.value()).append('\n');
            }
        }
        TokenSet ignored = new TokenSet(0);
        String plain = message.textBody();
        s.append(HtmlText.looksLikeHtml(plain) ? HtmlText.read(plain, ignored) : plain);
        if (!message.htmlBody().isEmpty()) {
            s.append('\n').append(HtmlText.read(message.htmlBody(), ignored));
        }
        return collapseSpace(s);
    }

    private static String collapseSpace(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
