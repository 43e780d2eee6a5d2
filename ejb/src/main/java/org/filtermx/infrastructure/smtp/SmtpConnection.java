package org.filtermx.infrastructure.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection to an SMTP server: writes command lines, reads (multi-line) replies with a
 * timeout, and switches to TLS after STARTTLS. Knows the wire format, not the dialogue.
 */
final class SmtpConnection implements Closeable {

    /** Bounds a reply so a hostile server cannot make the client buffer without end. */
    private static final int MAX_REPLY_LINES = 1000;

    private static final int BUFFER_SIZE = 64 * 1024;

    private final int lineLengthLimit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean tls;

    private SmtpConnection(Socket socket, int lineLengthLimit) throws IOException {
        this.lineLengthLimit = lineLengthLimit;
        useSocket(socket);
    }

    static SmtpConnection open(Destination destination, SmtpClientSettings settings)
            throws IOException {
        InetAddress address =
                destination.address() != null
                        ? destination.address()
                        : InetAddress.getByName(destination.host());
        Socket socket = new Socket();
        try {
            socket.connect(
                    new InetSocketAddress(address, destination.port()),
                    timeoutMillis(settings.connectTimeout()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new SmtpConnection(socket, settings.lineLengthLimit());
    }

    /** Queues one command line; it goes out with the next {@link #readReply} or flush. */
    void send(String command) throws IOException {
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command contains a line break");
        }
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** Sends what was queued without waiting for a reply. */
    void flush() throws IOException {
        out.flush();
    }

    /**
     * The stream for the DATA phase; the caller encodes it with {@link DotStuffingOutputStream}.
     */
    OutputStream dataStream() {
        return out;
    }

    /**
     * Flushes what was sent and reads one reply, all of whose lines must carry the same code; a
     * line {@code 250-...} is followed by more, {@code 250 ...} or {@code 250} is the last (RFC
     * 5321 section 4.2.1).
     */
    SmtpReply readReply(Duration timeout) throws IOException {
        out.flush();
        socket.setSoTimeout(timeoutMillis(timeout));
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !isDigits(line.substring(0, 3))) {
                throw new ProtocolException("malformed reply line: " + line);
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new ProtocolException("reply code changed within a reply: " + line);
            }
            code = lineCode;
            lines.add(line);
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            if (!more) {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new ProtocolException("reply longer than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    /**
     * Replaces the plain socket with a TLS one after the server's 220 to STARTTLS. Anything the
     * server sent in clear after its 220 is discarded with the old buffer, so it cannot pass for a
     * reply inside the TLS session (the STARTTLS injection of CVE-2011-0411).
     */
    void startTls(OpportunisticTls tlsUpgrade, String host, int port) throws IOException {
        useSocket(tlsUpgrade.upgrade(socket, host, port));
        tls = true;
    }

    boolean isTls() {
        return tls;
    }

    /** The server's certificate chain after {@link #startTls}, its own certificate first. */
    java.security.cert.Certificate[] peerCertificates() throws IOException {
        if (!(socket instanceof javax.net.ssl.SSLSocket ssl)) {
            throw new IOException("not a TLS connection");
        }
        return ssl.getSession().getPeerCertificates();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void useSocket(Socket newSocket) throws IOException {
        this.socket = newSocket;
        this.in = new BufferedInputStream(newSocket.getInputStream(), BUFFER_SIZE);
        this.out = new BufferedOutputStream(newSocket.getOutputStream(), BUFFER_SIZE);
    }

    /**
     * Reads up to LF, dropping the CR before it and anything beyond the line length limit; control
     * characters become {@code ?} so a reply quoted in a log or DSN stays one safe line.
     */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (line.size() < lineLengthLimit) {
                line.write(b);
            }
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int timeoutMillis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
