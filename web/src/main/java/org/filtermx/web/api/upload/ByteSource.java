package org.filtermx.web.api.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read through a buffer that lets the readers look ahead a few bytes at the start of
 * a line (is it a separator?) and copy lines in runs, without a second buffering stream's per-byte
 * calls.
 */
final class ByteSource {

    /** The most bytes a reader may look ahead; lines are copied in runs of any length. */
    static final int LOOKAHEAD = 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean ended;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /** Buffers at least {@code n} bytes unless the stream ends first; returns how many are. */
    int fill(int n) throws IOException {
        if (n > LOOKAHEAD) {
            throw new IllegalArgumentException("look ahead at most " + LOOKAHEAD + " bytes");
        }
        if (limit - position >= n || ended) {
            return limit - position;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < n && !ended) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                ended = true;
            } else {
                limit += read;
            }
        }
        return limit - position;
    }

    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    /** The byte {@code offset} bytes ahead, or -1 past the end. */
    int peek(int offset) throws IOException {
        return fill(offset + 1) > offset ? buffer[position + offset] & 0xFF : -1;
    }

    /** Whether the bytes {@code offset} bytes ahead are {@code prefix}. */
    boolean startsWith(int offset, byte[] prefix) throws IOException {
        if (fill(offset + prefix.length) < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[position + offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Passes over {@code n} buffered bytes (looked at with {@link #peek}). */
    void skip(int n) throws IOException {
        if (fill(n) < n) {
            throw new IllegalStateException("skipping past the end");
        }
        position += n;
    }

    /**
     * Copies the rest of the line, through its LF (or to the end of the stream), to {@code sink}
     * (null drops it).
     *
     * @return the bytes passed over; 0 only at the end
     */
    long copyLine(MessageBuffer sink) throws IOException {
        long copied = 0;
        while (true) {
            if (position == limit && fill(1) == 0) {
                return copied;
            }
            int i = position;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            boolean found = i < limit;
            int end = found ? i + 1 : limit;
            if (sink != null) {
                sink.write(buffer, position, end - position);
            }
            copied += end - position;
            position = end;
            if (found) {
                return copied;
            }
        }
    }
}
