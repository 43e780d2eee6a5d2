package org.filtermx.infrastructure.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP server that answers from a script and records what the client sent, down to the
 * exact bytes of the DATA section, so tests can assert what went over the wire.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** A reply that makes the server close the connection instead of answering. */
    static final String DROP = "<drop>";

    /** A reply that makes the server say nothing more until the client goes away. */
    static final String HANG = "<hang>";

    /** What one client connection sent. */
    static final class Session {
        final List<String> commands = new CopyOnWriteArrayList<>();

        /** Commands that arrived while more client bytes were already waiting (pipelined). */
        final List<String> pipelinedCommands = new CopyOnWriteArrayList<>();

        volatile byte[] data;
        volatile boolean tls;
    }

    private final ServerSocket serverSocket;
    private final Map<String, String> replies = new HashMap<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile String greeting = "220 mx.test ESMTP";
    private volatile String endOfDataReply = "250 2.0.0 Ok: queued as 4F2A";
    private volatile SSLContext tlsContext;
    private volatile boolean brokenTls;

    private final String host;

    private ScriptedSmtpServer(String host) throws IOException {
        this.host = host;
        serverSocket = new ServerSocket(0, 5, InetAddress.getByName(host));
        replies.put("EHLO", "250-mx.test\n250 8BITMIME");
        replies.put("HELO", "250 mx.test");
        replies.put("MAIL", "250 2.1.0 Ok");
        replies.put("RCPT", "250 2.1.5 Ok");
        replies.put("DATA", "354 End data with <CR><LF>.<CR><LF>");
        replies.put("RSET", "250 2.0.0 Ok");
        replies.put("QUIT", "221 2.0.0 Bye");
        replies.put("STARTTLS", "220 2.0.0 Ready to start TLS");
        thread = new Thread(this::serve, "scripted-smtp-server");
        thread.setDaemon(true);
    }

    static ScriptedSmtpServer create() throws IOException {
        return new ScriptedSmtpServer("127.0.0.1");
    }

    /** A server listening on {@code host} only, an address literal such as {@code ::1}. */
    static ScriptedSmtpServer createOn(String host) throws IOException {
        return new ScriptedSmtpServer(host);
    }

    ScriptedSmtpServer greeting(String reply) {
        greeting = reply;
        return this;
    }

    /**
     * Answers a command with {@code reply} ({@code \n} between lines); {@code match} is either a
     * whole command line or its verb.
     */
    ScriptedSmtpServer on(String match, String reply) {
        replies.put(match.toUpperCase(Locale.ROOT), reply);
        return this;
    }

    ScriptedSmtpServer afterData(String reply) {
        endOfDataReply = reply;
        return this;
    }

    ScriptedSmtpServer withTls(SSLContext context) {
        tlsContext = context;
        return this;
    }

    /** Answers 220 to STARTTLS, then sends plain text instead of a TLS handshake. */
    ScriptedSmtpServer withBrokenTls() {
        brokenTls = true;
        return this;
    }

    ScriptedSmtpServer start() {
        thread.start();
        return this;
    }

    Destination destination() {
        return new Destination(host, serverSocket.getLocalPort());
    }

    List<Session> sessions() {
        return sessions;
    }

    Session lastSession() {
        return sessions.get(sessions.size() - 1);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                Session session = new Session();
                sessions.add(session);
                converse(socket, session);
            } catch (IOException e) {
                // Connection ended or server closed; accept the next one.
            }
        }
    }

    private void converse(Socket socket, Session session) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        if (greeting == null || !reply(out, greeting)) {
            return;
        }
        while (true) {
            String command = readLine(in);
            if (command == null) {
                return;
            }
            session.commands.add(command);
            if (in.available() > 0) {
                session.pipelinedCommands.add(command);
            }
            String reply = replyFor(command);
            if (reply.equals(HANG)) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            if (!reply(out, reply)) {
                return;
            }
            String verb = verb(command);
            if (verb.equals("QUIT")) {
                return;
            }
            if (verb.equals("STARTTLS") && reply.startsWith("220")) {
                if (brokenTls) {
                    out.write(
                            "this is not a TLS handshake\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                SSLSocket tls =
                        (SSLSocket)
                                tlsContext
                                        .getSocketFactory()
                                        .createSocket(socket, null, socket.getPort(), false);
                tls.setUseClientMode(false);
                tls.startHandshake();
                session.tls = true;
                in = new BufferedInputStream(tls.getInputStream());
                out = tls.getOutputStream();
            }
            if (verb.equals("DATA") && reply.startsWith("354")) {
                session.data = readData(in);
                if (!reply(out, endOfDataReply)) {
                    return;
                }
            }
        }
    }

    private String replyFor(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        String exact = replies.get(upper);
        return exact != null ? exact : replies.getOrDefault(verb(command), "502 5.5.2 Error");
    }

    private static String verb(String command) {
        int end = command.indexOf(' ');
        return (end < 0 ? command : command.substring(0, end)).toUpperCase(Locale.ROOT);
    }

    /** Writes the reply with CRLF line ends; false if the script says to drop the connection. */
    private static boolean reply(OutputStream out, String reply) throws IOException {
        if (reply == null || reply.equals(DROP)) {
            return false;
        }
        out.write((reply.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Reads up to and including CRLF.CRLF (or a first line that is a lone dot), byte for byte. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long tail = 0;
        int b;
        while ((b = in.read()) >= 0) {
            data.write(b);
            tail = ((tail << 8) | b) & 0xFF_FFFF_FFFFL;
            boolean endOfData = tail == 0x0D_0A_2E_0D_0AL;
            boolean loneDot = data.size() == 3 && (tail & 0xFF_FFFF) == 0x2E_0D_0A;
            if (endOfData || loneDot) {
                return data.toByteArray();
            }
        }
        throw new IOException("connection closed during DATA");
    }
}
