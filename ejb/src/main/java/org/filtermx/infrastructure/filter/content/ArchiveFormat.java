package org.filtermx.infrastructure.filter.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * The archive and compression formats recognised by their leading bytes, not by the file name a
 * sender chose.
 */
enum ArchiveFormat {
    ZIP,
    TAR,
    GZIP,
    BZIP2,
    SEVEN_ZIP,
    NONE;

    /** Enough for the tar magic at offset 257 (POSIX.1-1988 ustar header). */
    static final int PEEK = 512;

    /** Looks at the first bytes of a stream that supports mark and reset, then rewinds it. */
    static ArchiveFormat detect(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        return detect(head, head.length);
    }

    static ArchiveFormat detect(byte[] head, int length) {
        if (startsWith(head, length, 'P', 'K', 3, 4) || startsWith(head, length, 'P', 'K', 7, 8)) {
            return ZIP;
        }
        if (startsWith(head, length, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, length, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(head, length, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return SEVEN_ZIP;
        }
        if (length >= 262
                && head[257] == 'u'
                && head[258] == 's'
                && head[259] == 't'
                && head[260] == 'a'
                && head[261] == 'r') {
            return TAR;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
