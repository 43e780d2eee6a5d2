package org.filtermx.infrastructure.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes of a message to relay, opened as often as needed (a scan for 8-bit content and then the
 * transfer), so a spooled message is streamed rather than held in memory.
 */
public interface MessageSource {

    /** Opens a new stream over the message bytes, CRLF line ends, not dot-stuffed. */
    InputStream open() throws IOException;

    /** The size in octets, announced with the SIZE extension (RFC 1870). */
    long size();

    /**
     * Whether any octet has the high bit set, which calls for {@code BODY=8BITMIME} (RFC 6152). The
     * default reads the whole message once.
     */
    default boolean containsEightBitData() throws IOException {
        try (InputStream in = open()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] < 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** A message held in memory, such as a DSN built by {@link DsnComposer}. */
    static MessageSource ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new MessageSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }
        };
    }

    /** A message stored in a file, read afresh on each {@link #open()}. */
    static MessageSource ofPath(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        long size = Files.size(path);
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    /**
     * The stored message with header lines put in front of it, such as the trace ({@code
     * Received:}) and verdict headers prepended at relay time; the body bytes stay untouched so
     * DKIM signatures still verify. The prefix must consist of complete CRLF-terminated lines.
     */
    static MessageSource concat(byte[] prefix, MessageSource body) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(body, "body");
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(prefix), body.open());
            }

            @Override
            public long size() {
                return prefix.length + body.size();
            }

            @Override
            public boolean containsEightBitData() throws IOException {
                return ofBytes(prefix).containsEightBitData() || body.containsEightBitData();
            }
        };
    }
}
