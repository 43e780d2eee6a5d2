package org.filtermx.infrastructure.filter.auth.dkim;

import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/** Reads the few DER elements a PKCS#1 RSA public key consists of (ITU-T X.690 section 8.1). */
final class DerReader {

    private final byte[] der;
    private int position;

    DerReader(byte[] der) {
        this.der = der;
    }

    /** Steps into a constructed element with {@code tag}, such as a SEQUENCE. */
    void enter(int tag) throws InvalidKeySpecException {
        header(tag);
    }

    /** The content octets of the next element, which must carry {@code tag}. */
    byte[] read(int tag) throws InvalidKeySpecException {
        int length = header(tag);
        byte[] content = Arrays.copyOfRange(der, position, position + length);
        position += length;
        return content;
    }

    private int header(int tag) throws InvalidKeySpecException {
        if (position + 2 > der.length || (der[position] & 0xff) != tag) {
            throw new InvalidKeySpecException("unexpected DER element");
        }
        position++;
        int length = der[position++] & 0xff;
        if (length > 0x80) {
            int octets = length & 0x7f;
            if (octets > 3 || position + octets > der.length) {
                throw new InvalidKeySpecException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[position++] & 0xff);
            }
        }
        if (length > der.length - position || length == 0x80) {
            throw new InvalidKeySpecException("bad DER length");
        }
        return length;
    }
}
