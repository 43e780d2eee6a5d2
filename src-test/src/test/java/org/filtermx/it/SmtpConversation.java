package org.filtermx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw SMTP client over a plain socket, for tests that need exact bytes on the wire: it sends
 * what it is given and reads complete (possibly multi-line) replies.
 */
final class SmtpConversation implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SmtpConversation(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static SmtpConversation open() throws IOException {
        return new SmtpConversation(Gateway.HOST, Gateway.SMTP_PORT);
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
