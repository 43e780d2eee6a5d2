package org.filtermx.infrastructure.filter.external;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Scans the raw message with ClamAV's clamd over TCP, streaming it with {@code zINSTREAM} (clamd
 * man page, "INSTREAM"): chunks prefixed by their length as a 4-byte big-endian number, a
 * zero-length chunk to end, and one NUL-terminated reply.
 */
public final class ClamdScanner implements Scanner {

    /** Longest reply kept; clamd's replies are one short line. */
    static final int REPLY_LIMIT = 4096;

    private static final byte[] COMMAND = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);

    private final ClamdSettings settings;
    private final String engine;

    public ClamdScanner(ClamdSettings settings) {
        this.settings = settings;
        this.engine = "clamd at " + EngineAddress.describe(settings.address());
    }

    @Override
    public String name() {
        return "clamav";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
        byte[] raw = message.raw();
        if (raw.length > settings.streamMaxLength()) {
            throw new ScannerUnavailable(
                    engine
                            + ": message of "
                            + raw.length
                            + " bytes exceeds StreamMaxLength "
                            + settings.streamMaxLength());
        }
        try (EngineConnection connection =
                EngineConnection.open(
                        engine, settings.address(), settings.connectTimeout(), settings.budget())) {
            Optional<String> reply = converse(connection, raw);
            if (reply.isEmpty()) {
                throw connection.failure("connection closed before a complete reply");
            }
            ClamdReply parsed = new ClamdReply(reply.get());
            return parsed.verdict().orElseThrow(() -> connection.failure(parsed.text()));
        }
    }

    private Optional<String> converse(EngineConnection connection, byte[] raw)
            throws ScannerUnavailable {
        try {
            send(connection.output(), raw);
        } catch (IOException writeFailure) {
            // clamd answers a refused stream ("size limit exceeded. ERROR") and closes while the
            // client is still writing: the reply, when there is one, says more than the reset.
            try {
                Optional<String> reply = readReply(connection.input());
                if (reply.isPresent()) {
                    return reply;
                }
            } catch (IOException readFailure) {
                writeFailure.addSuppressed(readFailure);
            }
            throw connection.failure(writeFailure);
        }
        try {
            return readReply(connection.input());
        } catch (IOException e) {
            throw connection.failure(e);
        }
    }

    private void send(OutputStream socket, byte[] raw) throws IOException {
        int chunkSize = settings.chunkSize();
        OutputStream out = new BufferedOutputStream(socket, Math.min(chunkSize, raw.length) + 8);
        out.write(COMMAND);
        for (int offset = 0; offset < raw.length; offset += chunkSize) {
            int length = Math.min(chunkSize, raw.length - offset);
            out.write(ByteBuffer.allocate(4).putInt(length).array());
            out.write(raw, offset, length);
        }
        out.write(new byte[4]);
        out.flush();
    }

    /** The reply up to its NUL terminator, or empty when the connection ended before it. */
    static Optional<String> readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == 0) {
                return Optional.of(reply.toString(StandardCharsets.UTF_8));
            }
            if (reply.size() == REPLY_LIMIT) {
                throw new ProtocolException("reply longer than " + REPLY_LIMIT + " bytes");
            }
            reply.write(b);
        }
        return Optional.empty();
    }
}
