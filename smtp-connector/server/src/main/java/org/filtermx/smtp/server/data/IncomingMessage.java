package org.filtermx.smtp.server.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Path tempDirectory, String transactionId, long messageSizeLimit, int headerSizeLimit)
            throws IOException {
        Files.createDirectories(tempDirectory);
        Path file = Files.createTempFile(tempDirectory, transactionId + ".", ".eml");
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536);
            return new IncomingMessage(
                    file, out, new DataReader(out, messageSizeLimit, headerSizeLimit));
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
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
