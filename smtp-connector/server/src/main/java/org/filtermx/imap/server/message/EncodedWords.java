package org.filtermx.imap.server.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes header text for SEARCH: raw bytes as UTF-8 when they are valid UTF-8 (RFC 6532), else
 * ISO-8859-1, then RFC 2047 encoded words ({@code =?charset?B|Q?text?=}), with the blanks between
 * two adjacent encoded words dropped (section 6.2). A word with an unknown charset stays as
 * written. One linear scan: a candidate without its closing {@code ?=} before the next blank makes
 * the scan skip to that blank.
 */
final class EncodedWords {

    private static final int MAX_CHARSET = 64;

    private EncodedWords() {}

    /** {@code latin1} holds one char per raw byte. */
    static String decode(String latin1) {
        String s = rawText(latin1);
        StringBuilder out = new StringBuilder(s.length());
        Pending pending = new Pending(out);
        int pos = 0;
        int n = s.length();
        while (pos < n) {
            int start = s.indexOf("=?", pos);
            if (start < 0) {
                break;
            }
            int[] word = find(s, start);
            if (word == null) {
                int skip = start + 2;
                while (skip < n && !Bytes.isBlank(s.charAt(skip))) {
                    skip++;
                }
                pending.flush();
                out.append(s, pos, skip);
                pos = skip;
                continue;
            }
            Charset cs = charset(s, start, word);
            if (cs == null) {
                pending.flush();
                out.append(s, pos, word[2] + 2); // unknown charset: left as written
            } else {
                // RFC 2047 section 6.2: blanks between two encoded words are dropped; the bytes of
                // adjacent words in one charset are decoded together, since senders split
                // multi-byte characters across words.
                boolean adjacent = pending.active() && allBlank(s, pos, start);
                if (!adjacent || !cs.equals(pending.charset)) {
                    pending.flush();
                    if (!adjacent) {
                        out.append(s, pos, start);
                    }
                    pending.charset = cs;
                }
                pending.bytes.writeBytes(bytes(s, word));
            }
            pos = word[2] + 2;
        }
        pending.flush();
        out.append(s, Math.min(pos, n), n);
        return out.toString();
    }

    /** Decoded bytes of adjacent encoded words waiting for their charset. */
    private static final class Pending {
        final StringBuilder out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset charset;

        Pending(StringBuilder out) {
            this.out = out;
        }

        boolean active() {
            return charset != null;
        }

        void flush() {
            if (charset != null) {
                out.append(new String(bytes.toByteArray(), charset));
                bytes.reset();
                charset = null;
            }
        }
    }

    private static boolean allBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Bytes.isBlank(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The positions of the '?' after the charset, the '?' after the encoding, and the '?' of the
     * closing "?=", for an encoded word at {@code start}; null when there is none.
     */
    private static int[] find(String s, int start) {
        int n = s.length();
        int q1 = start + 2;
        while (q1 < n && s.charAt(q1) != '?' && q1 - start <= MAX_CHARSET + 2) {
            char c = s.charAt(q1);
            if (Bytes.isBlank(c)) {
                return null;
            }
            q1++;
        }
        if (q1 >= n || s.charAt(q1) != '?' || q1 == start + 2) {
            return null;
        }
        int q2 = q1 + 2;
        if (q2 >= n || s.charAt(q2) != '?') {
            return null;
        }
        char enc = s.charAt(q1 + 1);
        if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') {
            return null;
        }
        for (int i = q2 + 1; i + 1 < n; i++) {
            char c = s.charAt(i);
            if (Bytes.isBlank(c)) {
                return null;
            }
            if (c == '?' && s.charAt(i + 1) == '=') {
                return new int[] {q1, q2, i};
            }
        }
        return null;
    }

    /** The charset of the encoded word at {@code start}, or null when Java does not know it. */
    private static Charset charset(String s, int start, int[] w) {
        String charsetName = s.substring(start + 2, w[0]);
        int star = charsetName.indexOf('*'); // RFC 2231 section 5: charset*language
        if (star >= 0) {
            charsetName = charsetName.substring(0, star);
        }
        return charset(charsetName);
    }

    private static byte[] bytes(String s, int[] w) {
        char enc = s.charAt(w[0] + 1);
        String text = s.substring(w[1] + 1, w[2]);
        return enc == 'B' || enc == 'b'
                ? TransferDecoding.base64(text.getBytes(StandardCharsets.ISO_8859_1))
                : TransferDecoding.qEncoding(text);
    }

    /** The named charset, or null when Java does not know it. */
    static Charset charset(String name) {
        try {
            return Charset.forName(Bytes.trim(name));
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return null;
        }
    }

    /** The raw bytes read as UTF-8 when valid, else one char per byte. */
    static String rawText(String latin1) {
        boolean ascii = true;
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0x7f) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}
