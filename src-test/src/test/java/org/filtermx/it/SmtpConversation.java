package org.filtermx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw SMTP client over a plain socket, for tests that need exact bytes on the wire: it sends what
 * it is given and reads complete (possibly multi-line) replies.
 */
final class SmtpConversation implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpConversation(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    SmtpConversation(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static SmtpConversation open() throws IOException {
        return new SmtpConversation(Gateway.HOST, Gateway.SMTP_PORT);
    }

    /**
     * A connection to the submission port with STARTTLS (587 in production), in clear; the caller
     * reads the greeting ({@link #hello()}) and may then {@link #startTls()} after a STARTTLS.
     */
    static SmtpConversation submission() throws IOException {
        return new SmtpConversation(Gateway.HOST, Gateway.SUBMISSION_PORT);
    }

    /**
     * A connection to the submission port with implicit TLS (465 in production, RFC 8314 section
     * 3.3), the handshake done, trusting the gateway's self-signed certificate; the greeting is
     * still to be read ({@link #hello()}).
     */
    static SmtpConversation submissions() throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        trustAll()
                                .getSocketFactory()
                                .createSocket(Gateway.HOST, Gateway.SUBMISSIONS_PORT);
        tls.setSoTimeout(30_000);
        tls.startHandshake();
        return new SmtpConversation(tls);
    }

    /**
     * A submission session ready for AUTH: on 587 the greeting, EHLO, STARTTLS and EHLO again; on
     * 465 the greeting and EHLO. Returns the conversation; {@link #lastEhlo()} has the EHLO reply.
     */
    static SmtpConversation submissionOverTls(boolean implicitTls) throws IOException {
        SmtpConversation smtp = implicitTls ? submissions() : submission();
        try {
            smtp.hello();
            if (!implicitTls) {
                expect(smtp.command("STARTTLS"), "220");
                smtp.startTls();
                smtp.lastEhlo = smtp.command("EHLO client.example");
            }
            return smtp;
        } catch (IOException | RuntimeException e) {
            smtp.close();
            throw e;
        }
    }

    private String lastEhlo;

    /** The reply to the latest EHLO this conversation sent through {@link #hello()} or setup. */
    String lastEhlo() {
        return lastEhlo;
    }

    /** RFC 4954 with RFC 4616: {@code AUTH PLAIN} with an initial response; the final reply. */
    String authPlain(String username, String password) throws IOException {
        return command("AUTH PLAIN " + base64("\0" + username + "\0" + password));
    }

    /** {@code AUTH LOGIN}: username and password each answer a 334 challenge; the final reply. */
    String authLogin(String username, String password) throws IOException {
        String reply = command("AUTH LOGIN");
        if (!reply.startsWith("334")) {
            return reply;
        }
        reply = command(base64(username));
        if (!reply.startsWith("334")) {
            return reply;
        }
        return command(base64(password));
    }

    static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code line} plus CRLF and returns the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    void send(String raw) throws IOException {
        sendBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads one complete reply: lines up to the one whose fourth character is a space. */
    String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return all.isEmpty() ? null : all.toString();
            }
            all.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString().strip();
            }
        }
    }

    /** One reply line without CRLF, or null at end of stream. */
    String line() throws IOException {
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

    /** Reads the greeting and says EHLO; returns the EHLO reply. */
    String hello() throws IOException {
        String greeting = reply();
        if (greeting == null || !greeting.startsWith("220")) {
            throw new IllegalStateException("unexpected greeting " + greeting);
        }
        lastEhlo = command("EHLO client.example");
        return lastEhlo;
    }

    /**
     * One whole transaction in an open session after EHLO: MAIL, RCPT for each recipient (each must
     * be accepted), DATA, the dot-stuffed {@code content} (CRLF line ends) and the final dot.
     *
     * @return the reply to the end of data
     */
    String transaction(String from, List<String> recipients, String content) throws IOException {
        expect(command("MAIL FROM:<" + from + ">"), "250");
        for (String rcpt : recipients) {
            expect(command("RCPT TO:<" + rcpt + ">"), "250");
        }
        expect(command("DATA"), "354");
        sendBytes(InboundDeliveryIT.dotStuff(content.getBytes(StandardCharsets.ISO_8859_1)));
        send(".\r\n");
        return reply();
    }

    /** A short message with the given Message-ID and subject, CRLF line ends. */
    static String message(String from, String to, String messageId, String subject) {
        return "From: "
                + from
                + "\r\n"
                + "To: "
                + to
                + "\r\n"
                + "Subject: "
                + subject
                + "\r\n"
                + "Date: "
                + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now())
                + "\r\n"
                + "Message-ID: <"
                + messageId
                + ">\r\n"
                + "\r\n"
                + "Body of "
                + messageId
                + ".\r\n";
    }

    /**
     * Turns the connection into TLS after a {@code 220} reply to STARTTLS (RFC 3207), trusting the
     * gateway's self-signed certificate. The session restarts: the caller says EHLO again.
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

    /** The negotiated TLS protocol, or null on a plain connection. */
    String tlsProtocol() {
        return socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
    }

    void timeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Closes the connection with a TCP reset, as a crashing client would. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void expect(String reply, String code) {
        if (reply == null || !reply.startsWith(code)) {
            throw new IllegalStateException("expected " + code + " but got " + reply);
        }
    }

    private static SSLContext trustAll() {
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

    /** Greeting, EHLO, MAIL FROM; returns the EHLO reply. */
    String start(String from) throws IOException {
        String greeting = reply();
        if (!greeting.startsWith("220")) {
            throw new IllegalStateException("unexpected greeting " + greeting);
        }
        String ehlo = command("EHLO client.example");
        command("MAIL FROM:<" + from + ">");
        return ehlo;
    }

    boolean closedByServer() {
        try {
            socket.setSoTimeout(5_000);
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
