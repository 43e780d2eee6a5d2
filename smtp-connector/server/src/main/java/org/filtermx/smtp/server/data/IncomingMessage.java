package org.filtermx.smtp.server.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The content of one transaction on its way to a temp file: owns the file from DATA until the
 * endpoint has answered, and deletes it in every case.
 */
public final class IncomingMessage implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IncomingMessage.class.getName());

    private final Path file;
    private final OutputStream out;
    private final DataReader reader;

    private IncomingMessage(Path file, OutputStream out, DataReader reader) {
        this.file = file;
        this.out = out;
        this.reader = reader;
    }

    /** Creates the temp file (and its directory when missing) for a transaction's content. */
    public static IncomingMessage create(
            Path tempDirectory, String sessionId, long messageSizeLimit, int headerSizeLimit)
            throws IOException {
        Path file = newPrivateFile(tempDirectory, sessionId);
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536);
            return new IncomingMessage(
                    file, out, new DataReader(out, messageSizeLimit, headerSizeLimit));
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /**
     * A new file only the server can read, named after the session (one message at a time each),
     * without {@code createTempFile}'s random name drawn from a shared {@code SecureRandom} for
     * every message. A name left by an earlier run, or a file system without POSIX permissions,
     * falls back to {@code createTempFile}.
     */
    private static Path newPrivateFile(Path directory, String sessionId) throws IOException {
        Path file = directory.resolve(sessionId + ".eml");
        try {
            Files.createFile(file, OWNER_ONLY);
            return file;
        } catch (NoSuchFileException e) {
            // Mail in transit is for the server's eyes only: the directory too (mode 700).
            Files.createDirectories(
                    directory,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
            // Use a random name below.
        }
        return Files.createTempFile(directory, sessionId + ".", ".eml");
    }

    /** Feeds received bytes; see {@link DataReader#feed(byte[], int, int)}. */
    public int feed(byte[] bytes, int offset, int length) {
        int consumed = reader.feed(bytes, offset, length);
        if (reader.finished()) {
            closeStream();
        }
        return consumed;
    }

    public boolean finished() {
        return reader.finished();
    }

    public DataOutcome outcome() {
        return reader.outcome();
    }

    public long size() {
        return reader.size();
    }

    public Path file() {
        return file;
    }

    /** Closes and deletes the file; safe to call more than once. */
    @Override
    public void close() {
        closeStream();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + file + ": " + e);
        }
    }

    private void closeStream() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot close " + file + ": " + e);
        }
    }
}
