package org.filtermx.infrastructure.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header text in one pass, for
 * display and matching. Mime4j's and Jakarta Mail's decoders took seconds on 100 kB of hostile
 * {@code =?} sequences (a lazy regular expression retried at every offset, and a result rebuilt per
 * word); this one reads each character a bounded number of times. Unknown charsets read as
 * ISO-8859-1 and anything that is not a well-formed encoded word is left as it was.
 */
public final class EncodedWords {

    /** The longest charset (with RFC 2231 language suffix) taken as part of an encoded word. */
    private static final int MAX_CHARSET = 64;

    private EncodedWords() {}

    /**
     * {@code text} with its encoded words decoded; white space between two adjacent encoded words
     * is dropped (RFC 2047 section 6.2).
     */
    public static String decode(String text) {
        if (text == null) {
            return "";
        }
        int start = text.indexOf("=?");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        boolean afterWord = false;
        while (start >= 0) {
            int end = wordEnd(text, start);
            if (end < 0) {
                start = text.indexOf("=?", start + 2);
                continue;
            }
            if (!(afterWord && isBlank(text, copied, start))) {
                out.append(text, copied, start);
            }
            out.append(decodeWord(text, start, end));
            afterWord = true;
            copied = end;
            start = text.indexOf("=?", end);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * The end of the encoded word starting at {@code start}, or -1. The encoded text ends at the
     * first {@code ?}, so a failed attempt never reads past the next {@code =?}: the work stays
     * linear in the input.
     */
    private static int wordEnd(String text, int start) {
        int n = text.length();
        int q = start + 2;
        while (q < n && q - start - 2 <= MAX_CHARSET && isCharsetChar(text.charAt(q))) {
            q++;
        }
        if (q == start + 2 || q + 2 >= n || text.charAt(q) != '?') {
            return -1;
        }
        char encoding = Character.toUpperCase(text.charAt(q + 1));
        if ((encoding != 'B' && encoding != 'Q') || text.charAt(q + 2) != '?') {
            return -1;
        }
        int close = q + 3;
        while (close < n && text.charAt(close) != '?') {
            close++;
        }
        return close + 1 < n && text.charAt(close + 1) == '=' ? close + 2 : -1;
    }

    private static String decodeWord(String text, int start, int end) {
        int q = text.indexOf('?', start + 2);
        String label = text.substring(start + 2, q);
        int star = label.indexOf('*');
        if (star >= 0) {
            label = label.substring(0, star);
        }
        char encoding = Character.toUpperCase(text.charAt(q + 1));
        String payload = text.substring(q + 3, end - 2);
        byte[] bytes;
        if (encoding == 'B') {
            try {
                bytes = Base64.getMimeDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                return text.substring(start, end);
            }
        } else {
            bytes = quoted(payload);
        }
        return new String(bytes, TextCharsets.forLabel(label));
    }

    /** The "Q" encoding of RFC 2047 section 4.2: quoted-printable with {@code _} for space. */
    private static byte[] quoted(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length());
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            int high = i + 2 < payload.length() ? Character.digit(payload.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(payload.charAt(i + 2), 16) : -1;
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && low >= 0) {
                out.write(high * 16 + low);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1);
                out.write(raw, 0, raw.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean isCharsetChar(char c) {
        return c > ' ' && c < 0x7f && c != '?' && c != '=';
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
