package org.filtermx.imap.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw IMAP client over a plain socket (and TLS on demand): sends lines, reads responses with
 * their literals inlined, and tags commands {@code a1}, {@code a2}, ...
 */
final class ImapTestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    ImapTestClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A client of an implicit TLS listener, its handshake done. */
    static ImapTestClient implicitTls(InetSocketAddress address) throws Exception {
        ImapTestClient client = new ImapTestClient(address);
        client.tls();
        return client;
    }

    /** Starts TLS on the connection (after STARTTLS's OK, or at once for implicit TLS). */
    void tls() throws Exception {
        SSLSocket tls =
                (SSLSocket)
                        trustAll()
                                .getSocketFactory()
                                .createSocket(
                                        socket,
                                        socket.getInetAddress().getHostAddress(),
                                        socket.getPort(),
                                        true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream());
        out = tls.getOutputStream();
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String type) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String type) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return context;
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** One response line; a literal it announces is read and inlined after a CRLF. */
    String read() throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = rawLine();
            if (line == null) {
                return response.length() == 0 ? null : response.toString();
            }
            response.append(line);
            int open = line.lastIndexOf('{');
            if (!line.endsWith("}") || open < 0) {
                return response.toString();
            }
            int size;
            try {
                size = Integer.parseInt(line.substring(open + 1, line.length() - 1));
            } catch (NumberFormatException e) {
                return response.toString();
            }
            byte[] literal = in.readNBytes(size);
            response.append("\r\n").append(new String(literal, StandardCharsets.ISO_8859_1));
        }
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length =
                        bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                                ? bytes.length - 1
                                : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The next tag this client will use. */
    String nextTag() {
        return "a" + (tags + 1);
    }

    /** Sends a tagged command and returns every response up to and including the tagged one. */
    List<String> command(String command) throws IOException {
        String tag = "a" + (++tags);
        write(tag + " " + command + "\r\n");
        return until(tag);
    }

    /** Responses up to and including the one tagged {@code tag}. */
    List<String> until(String tag) throws IOException {
        List<String> responses = new ArrayList<>();
        while (true) {
            String response = read();
            if (response == null) {
                throw new IOException("connection closed; got " + responses);
            }
            responses.add(response);
            if (response.startsWith(tag + " ")) {
                return responses;
            }
        }
    }

    /** The tagged response of a command (the last line). */
    static String last(List<String> responses) {
        return responses.get(responses.size() - 1);
    }

    List<String> login() throws IOException {
        return command("LOGIN example.com secret");
    }

    /** Whether the server closed the connection (end of stream within the timeout). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                String line = read();
                if (line == null) {
                    return true;
                }
            }
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
