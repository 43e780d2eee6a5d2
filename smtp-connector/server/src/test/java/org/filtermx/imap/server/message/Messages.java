package org.filtermx.imap.server.message;

import java.nio.charset.StandardCharsets;

/** Builds test messages. */
final class Messages {

    private Messages() {}

    /** Lines joined with CRLF, each terminated. */
    static byte[] crlf(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A body of exactly {@code size} octets in {@code lines} CRLF-terminated lines. */
    static String body(int size, int lines) {
        int chars = size - 2 * lines;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int len = chars / lines + (i < chars % lines ? 1 : 0);
            sb.append("x".repeat(len)).append("\r\n");
        }
        return sb.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
