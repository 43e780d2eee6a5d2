package org.filtermx.infrastructure.filter.external;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-connection engine on loopback that records the request a client sends and answers with a
 * scripted reply, or stalls, so each protocol's bytes and failure modes are tested without the
 * engine.
 */
final class FakeEngine implements AutoCloseable {

    /** Reads one complete request in an engine's framing. */
    interface Framing {
        byte[] read(InputStream in) throws IOException;
    }

    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length: *(\\d+)\r?$");

    private final ServerSocket server;
    private final CompletableFuture<byte[]> request = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private FakeEngine(Framing framing, byte[] reply) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(framing, reply), "fake-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads a request in {@code framing}, writes {@code reply} and closes the connection. */
    static FakeEngine answering(Framing framing, byte[] reply) throws IOException {
        return new FakeEngine(framing, reply);
    }

    static FakeEngine answering(Framing framing, String reply) throws IOException {
        return answering(framing, reply.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a request in {@code framing} and then never answers. */
    static FakeEngine stallingAfter(Framing framing) throws IOException {
        return new FakeEngine(framing, null);
    }

    /** Accepts the connection but reads nothing, so a large request fills the socket buffers. */
    static FakeEngine notReading() throws IOException {
        return new FakeEngine(null, null);
    }

    /** A loopback port nothing listens on, for "connection refused". */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** The bytes the client sent, once it sent a complete request. */
    byte[] request() throws Exception {
        return request.get(5, TimeUnit.SECONDS);
    }

    String requestText() throws Exception {
        return new String(request(), StandardCharsets.UTF_8);
    }

    /** clamd's {@code zINSTREAM}: the command, then length-prefixed chunks up to a zero one. */
    static byte[] instream(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        for (int b = data.read(); b != 0; b = data.read()) {
            if (b < 0) {
                throw new IOException("end of stream inside the command");
            }
            seen.write(b);
        }
        seen.write(0);
        for (int length = data.readInt(); ; length = data.readInt()) {
            seen.write(
                    new byte[] {
                        (byte) (length >>> 24),
                        (byte) (length >>> 16),
                        (byte) (length >>> 8),
                        (byte) length
                    });
            if (length == 0) {
                return seen.toByteArray();
            }
            seen.write(data.readNBytes(length));
        }
    }

    /** HTTP/1.1 and spamd's protocol: a head up to a blank line, then Content-length bytes. */
    static byte[] headAndBody(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream inside the head");
            }
            seen.write(b);
        }
        Matcher length = CONTENT_LENGTH.matcher(seen.toString(StandardCharsets.ISO_8859_1));
        if (length.find()) {
            seen.write(in.readNBytes(Integer.parseInt(length.group(1))));
        }
        return seen.toByteArray();
    }

    /** A complete HTTP/1.1 response that closes the connection. */
    static String http(int status, String body) {
        return String.format(
                Locale.ROOT,
                "HTTP/1.1 %d X\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Content-Length: %d\r\n\r\n%s",
                status,
                body.getBytes(StandardCharsets.UTF_8).length,
                body);
    }

    private void serve(Framing framing, byte[] reply) {
        try (Socket client = server.accept()) {
            if (framing != null) {
                request.complete(framing.read(client.getInputStream()));
            }
            if (reply == null) {
                closed.await();
                return;
            }
            OutputStream out = client.getOutputStream();
            out.write(reply);
            out.flush();
        } catch (IOException e) {
            request.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
    }
}
