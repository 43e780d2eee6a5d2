package org.filtermx.web.api.upload;

import java.util.Arrays;

/**
 * One message of an upload as it is read, up to a cap: past it the rest of the message is passed
 * over and only counted, so an oversized message costs no more memory than the cap.
 */
final class MessageBuffer {

    private final long cap;
    private byte[] bytes = new byte[16 * 1024];
    private int size;
    private long total;

    MessageBuffer(long cap) {
        this.cap = cap;
    }

    void write(byte[] from, int offset, int length) {
        total += length;
        if (total > cap) {
            bytes = null;
            return;
        }
        if (size + length > bytes.length) {
            bytes =
                    Arrays.copyOf(
                            bytes, (int) Math.min(cap, Math.max(size + length, 2L * bytes.length)));
        }
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    /** Whether more than the cap was written. */
    boolean oversized() {
        return total > cap;
    }

    /** Bytes written in all, kept or not. */
    long total() {
        return total;
    }

    /** Takes off one line break at the end (LF or CRLF), e.g. the blank line before a separator. */
    void dropLineBreak() {
        if (bytes == null || size == 0 || bytes[size - 1] != '\n') {
            return;
        }
        size--;
        total--;
        if (size > 0 && bytes[size - 1] == '\r') {
            size--;
            total--;
        }
    }

    /** Whether it ends in an empty line: an LF or CRLF right after another. */
    boolean endsWithBlankLine() {
        if (bytes == null || size < 2 || bytes[size - 1] != '\n') {
            return false;
        }
        int before = size - 2;
        if (bytes[before] == '\r') {
            before--;
        }
        return before >= 0 && bytes[before] == '\n';
    }

    /** Whether nothing but spaces, tabs and line breaks was written. */
    boolean blank() {
        if (bytes == null) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    byte[] toByteArray() {
        if (bytes == null) {
            throw new IllegalStateException("an oversized message is not kept");
        }
        return Arrays.copyOf(bytes, size);
    }
}
