package org.filtermx.application.internal.filtering;

import java.io.ByteArrayOutputStream;

/** Brings messages uploaded from files (often with LF line ends) to SMTP's CRLF form. */
final class Crlf {

    private Crlf() {}

    static byte[] normalize(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 40);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            if (b == '\r' && (i + 1 >= in.length || in[i + 1] != '\n')) {
                out.write('\r');
                out.write('\n');
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
