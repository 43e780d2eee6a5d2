package org.filtermx.imap.server.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Content-Transfer-Encoding decoders (RFC 2045 sections 6.7 and 6.8) and the Q encoding of RFC 2047
 * section 4.2, all lenient: characters outside the alphabet are skipped, a broken escape is kept as
 * written.
 */
final class TransferDecoding {

    private TransferDecoding() {}

    /** Decodes {@code [from, to)} of {@code raw} per the encoding named (lower case). */
    static byte[] decode(byte[] raw, int from, int to, String encoding) {
        switch (encoding) {
            case "base64":
                return base64(slice(raw, from, to));
            case "quoted-printable":
                return quotedPrintable(raw, from, to);
            default:
                return slice(raw, from, to);
        }
    }

    private static byte[] slice(byte[] raw, int from, int to) {
        byte[] b = new byte[to - from];
        System.arraycopy(raw, from, b, 0, b.length);
        return b;
    }

    static byte[] base64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4 + 3);
        int acc = 0;
        int bits = 0;
        for (byte b : in) {
            int v = base64Value(b);
            if (b == '=') {
                // Padding ends a block; a sender that joined padded blocks goes on after it.
                acc = 0;
                bits = 0;
                continue;
            }
            if (v < 0) {
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+') {
            return 62;
        }
        if (b == '/') {
            return 63;
        }
        return -1;
    }

    static byte[] quotedPrintable(byte[] raw, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            byte b = raw[i];
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            // Soft line break: '=' then optional blanks then (CR)LF.
            int j = i + 1;
            while (j < to && (raw[j] == ' ' || raw[j] == '\t')) {
                j++;
            }
            if (j < to && raw[j] == '\r' && j + 1 < to && raw[j + 1] == '\n') {
                i = j + 2;
                continue;
            }
            if (j < to && raw[j] == '\n') {
                i = j + 1;
                continue;
            }
            if (j >= to) {
                i = to;
                continue;
            }
            int hi = i + 2 < to ? hex(raw[i + 1]) : -1;
            int lo = i + 2 < to ? hex(raw[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 3;
            } else {
                out.write(b);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** RFC 2047 section 4.2: like quoted-printable, and '_' stands for a space. */
    static byte[] qEncoding(String text) {
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (b == '_') {
                out.write(' ');
                i++;
            } else if (b == '='
                    && i + 2 < in.length
                    && hex(in[i + 1]) >= 0
                    && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 3;
            } else {
                out.write(b);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
