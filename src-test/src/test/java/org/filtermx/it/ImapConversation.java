package org.filtermx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw IMAP client over a socket, for tests that need exact bytes on the wire (injection, caps,
 * other logins' UIDs): it sends what it is given and reads responses line by line, literals
 * included (RFC 3501 section 4.3), until the tagged one.
 */
final class ImapConversation implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    private ImapConversation(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A clear connection to the STARTTLS port (143 in production); the greeting is unread. */
    static ImapConversation plain() throws IOException {
        return new ImapConversation(new Socket(Gateway.HOST, Gateway.IMAP_PORT));
    }

    /**
     * A clear connection to the STARTTLS port from the loopback address {@code local} (such as
     * 127.0.0.9), so that the login throttle counts this client apart from the other tests.
     */
    static ImapConversation plainFrom(String local) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress(Gateway.HOST, Gateway.IMAP_PORT), 5000);
        return new ImapConversation(s);
    }

    /** A connection to the implicit TLS port (993 in production), the handshake done. */
    static ImapConversation implicitTls() throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        trustAll()
                                .getSocketFactory()
                                .createSocket(Gateway.HOST, Gateway.IMAPS_PORT);
        tls.setSoTimeout(30_000);
        tls.startHandshake();
        return new ImapConversation(tls);
    }

    /**
     * A session on the STARTTLS port after the greeting, STARTTLS and the handshake, not logged in.
     */
    static ImapConversation overStartTls() throws IOException {
        return overStartTls(plain());
    }

    /** {@link #overStartTls()} on a connection the caller opened. */
    static ImapConversation overStartTls(ImapConversation imap) throws IOException {
        try {
            imap.expectGreeting();
            String reply = imap.command("STARTTLS");
            if (!imap.lastTagged(reply).contains(" OK")) {
                throw new IllegalStateException("STARTTLS refused: " + reply);
            }
            imap.startTls();
            return imap;
        } catch (IOException | RuntimeException e) {
            imap.close();
            throw e;
        }
    }

    /** A session over STARTTLS logged in as {@code user}; fails if the login is refused. */
    static ImapConversation loggedIn(String user, String password) throws IOException {
        ImapConversation imap = overStartTls();
        String reply = imap.command("LOGIN " + quoted(user) + " " + quoted(password));
        if (!imap.lastTagged(reply).contains(" OK")) {
            imap.close();
            throw new IllegalStateException("LOGIN as " + user + " refused: " + reply);
        }
        return imap;
    }

    /** A quoted string (RFC 3501 section 4.3) of plain text without quotes or backslashes. */
    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Reads the greeting line; fails unless it is {@code * OK}. */
    String expectGreeting() throws IOException {
        String greeting = line();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new IllegalStateException("unexpected greeting " + greeting);
        }
        return greeting;
    }

    /** The next tag this client would use. */
    String nextTag() {
        return "a" + (tags + 1);
    }

    /**
     * Sends {@code command} with a fresh tag and returns every response line up to and including
     * the tagged one, joined with LF (literals inline).
     */
    String command(String command) throws IOException {
        String tag = "a" + ++tags;
        send(tag + " " + command + "\r\n");
        return until(tag);
    }

    /** Reads response lines until the one tagged {@code tag} (or the end of the stream). */
    String until(String tag) throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return all.toString();
            }
            all.append(line).append('\n');
            if (line.startsWith(tag + " ")) {
                return all.toString();
            }
        }
    }

    /** The tagged line of a response read by {@link #command}, or "" when there is none. */
    String lastTagged(String response) {
        String[] lines = response.split("\n");
        String last = lines[lines.length - 1];
        return last.startsWith("*") || last.startsWith("+") ? "" : last;
    }

    void send(String raw) throws IOException {
        sendBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /**
     * One response line without CRLF, with any literals it announces read into it, or null at the
     * end of the stream.
     */
    String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            String part = rawLine();
            if (part == null) {
                return line.isEmpty() ? null : line.toString();
            }
            line.append(part);
            long literal = literalSize(part);
            if (literal < 0) {
                return line.toString();
            }
            byte[] content = in.readNBytes((int) literal);
            line.append("\r\n").append(new String(content, StandardCharsets.ISO_8859_1));
        }
    }

    /** The size {@code n} of a line ending in {@code {n}} (a literal follows), else -1. */
    private static long literalSize(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        String digits = line.substring(open + 1, line.length() - 1);
        if (digits.isEmpty() || digits.length() > 9) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whatever arrives within {@code quiet} (lines joined with LF), for checking that nothing was
     * sent; stops at the end of the stream.
     */
    String linesWithin(Duration quiet) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) quiet.toMillis());
        StringBuilder all = new StringBuilder();
        try {
            String line;
            while ((line = line()) != null) {
                all.append(line).append('\n');
            }
        } catch (SocketTimeoutException quietEnough) {
            // nothing more
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
        return all.toString();
    }

    /**
     * Turns the connection into TLS after an OK to STARTTLS (RFC 3501 section 6.2.1), trusting the
     * gateway's self-signed certificate.
     */
    void startTls() throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        trustAll()
                                .getSocketFactory()
                                .createSocket(socket, Gateway.HOST, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(socket.getSoTimeout());
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /** The negotiated TLS protocol, or null on a clear connection. */
    String tlsProtocol() {
        return socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
    }

    /** Whether the server closed the connection (within 5 s). */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(5_000);
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
