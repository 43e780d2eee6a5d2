package org.filtermx.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A destination mail server that offers STARTTLS (RFC 3207) with a given certificate, unlike
 * Postfix's smtp-sink, and accepts every recipient. It keeps each message with whether it arrived
 * over TLS, and counts connections, so a test sees both what was delivered and what was tried.
 */
final class TlsDestination implements AutoCloseable {

    /** One received message: its content (dots unstuffed) and whether the session used TLS. */
    record Received(String content, boolean tls) {}

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();

    private TlsDestination(int port, SSLContext tls) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.tls = tls;
        Thread acceptor = new Thread(this::serve, "tls-destination");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A destination on a free loopback port offering STARTTLS with {@code certificate}. */
    static TlsDestination start(TestCertificates certificate) throws IOException {
        return new TlsDestination(0, certificate.serverContext());
    }

    /** As {@link #start(TestCertificates)}, on {@code port} (the MX port of MX delivery). */
    static TlsDestination startOn(int port, TestCertificates certificate) throws IOException {
        return new TlsDestination(port, certificate.serverContext());
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> messages() {
        return List.copyOf(messages);
    }

    /** One line per session: what happened, for assertion messages. */
    List<String> sessions() {
        return List.copyOf(sessions);
    }

    List<Received> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return messages();
    }

    /** Waits until at least {@code count} sessions were opened; returns their notes. */
    List<String> awaitSessions(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return sessions();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t =
                        new Thread(
                                () -> {
                                    StringBuilder note = new StringBuilder();
                                    try (socket) {
                                        converse(socket, note);
                                    } catch (IOException e) {
                                        note.append(" ended: ").append(e.getMessage());
                                    }
                                    sessions.add(note.toString());
                                },
                                "tls-destination-session");
                t.setDaemon(true);
                t.start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // Try the next connection.
            }
        }
    }

    private void converse(Socket plain, StringBuilder note) throws IOException {
        plain.setSoTimeout(60_000);
        Socket socket = plain;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        boolean secure = false;
        reply(out, "220 tls-destination.test ESMTP");
        String line;
        boolean inTransaction = false;
        while ((line = readLine(in)) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                reply(
                        out,
                        secure
                                ? "250-tls-destination.test\r\n250 8BITMIME"
                                : "250-tls-destination.test\r\n250-8BITMIME\r\n250 STARTTLS");
            } else if (upper.startsWith("HELO")) {
                reply(out, "250 tls-destination.test");
            } else if (upper.equals("STARTTLS") && !secure) {
                reply(out, "220 2.0.0 Ready to start TLS");
                SSLSocket upgraded =
                        (SSLSocket)
                                tls.getSocketFactory()
                                        .createSocket(
                                                socket,
                                                socket.getInetAddress().getHostAddress(),
                                                socket.getPort(),
                                                true);
                upgraded.setUseClientMode(false);
                try {
                    upgraded.startHandshake();
                } catch (IOException e) {
                    note.append("handshake failed: ").append(e.getMessage());
                    throw e;
                }
                note.append("TLS ").append(upgraded.getSession().getProtocol());
                socket = upgraded;
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
                secure = true;
            } else if (upper.startsWith("MAIL FROM:")) {
                inTransaction = true;
                reply(out, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO:")) {
                reply(out, "250 2.1.5 Ok");
            } else if (upper.equals("DATA") && inTransaction) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                messages.add(new Received(readData(in), secure));
                note.append(" message");
                inTransaction = false;
                reply(out, "250 2.0.0 Ok: queued");
            } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                inTransaction = upper.equals("NOOP") && inTransaction;
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                note.append(" quit");
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 Command not recognized");
            }
        }
    }

    private static String readData(InputStream in) throws IOException {
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return content.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
