package org.filtermx.imap.server.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One literal of a command (RFC 3501 section 4.3): small ones in memory, an APPEND message beyond
 * the in-memory cap in a temporary file that whoever takes it deletes.
 *
 * @param bytes the octets, or {@code null} when they are in {@code file}
 * @param file the temporary file, or {@code null}
 * @param size octets
 */
public record Literal(byte[] bytes, Path file, long size) {

    public static Literal of(byte[] bytes) {
        return new Literal(bytes, null, bytes.length);
    }

    /** The literal as text (UTF-8, RFC 6855 style leniency); only for in-memory literals. */
    public String text() {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The literal in a file of its own under {@code directory}; the caller deletes it. */
    public Path toFile(Path directory) throws IOException {
        if (file != null) {
            return file;
        }
        Files.createDirectories(directory);
        Path written = Files.createTempFile(directory, "imap-append-", ".eml");
        Files.write(written, bytes);
        return written;
    }

    /** Deletes the temporary file, if any. */
    public void discard() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: the temporary directory is cleaned at start
            }
        }
    }
}
