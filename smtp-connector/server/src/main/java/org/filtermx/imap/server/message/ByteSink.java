package org.filtermx.imap.server.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growing byte buffer without checked exceptions. */
final class ByteSink {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void write(byte[] b, int off, int len) {
        out.write(b, off, len);
    }

    void write(int b) {
        out.write(b);
    }

    /** Writes a string one byte per char (ISO-8859-1), as raw header values are held. */
    void ascii(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
