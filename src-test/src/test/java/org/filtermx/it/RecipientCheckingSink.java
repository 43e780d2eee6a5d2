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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A destination mail server that, unlike Postfix's smtp-sink (which answers every RCPT alike),
 * accepts only the addresses it is given and refuses any other with {@code 550 5.1.1} at RCPT, as a
 * server that verifies its recipients does. It keeps each message with its envelope, and every
 * address it was asked about at RCPT.
 */
final class RecipientCheckingSink implements AutoCloseable {

    /** One received message: its reverse-path, its recipients and its content (dots unstuffed). */
    record Received(String reversePath, List<String> recipients, String content) {}

    private final ServerSocket server;
    private final Set<String> known;
    private final boolean acceptsAll;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private RecipientCheckingSink(Set<String> known) throws IOException {
        this(known, false);
    }

    private RecipientCheckingSink(Set<String> known, boolean acceptsAll) throws IOException {
        this(0, known, acceptsAll);
    }

    private RecipientCheckingSink(int port, Set<String> known, boolean acceptsAll)
            throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.known = known;
        this.acceptsAll = acceptsAll;
        Thread acceptor = new Thread(this::serve, "recipient-checking-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a sink on a free loopback port that accepts only {@code addresses}. */
    static RecipientCheckingSink accepting(String... addresses) throws IOException {
        return new RecipientCheckingSink(
                Set.of(addresses).stream()
                        .map(a -> a.toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /** As {@link #accepting}, on {@code port} (a destination that comes up later). */
    static RecipientCheckingSink acceptingOn(int port, String... addresses) throws IOException {
        return new RecipientCheckingSink(
                port,
                Set.of(addresses).stream()
                        .map(a -> a.toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet()),
                false);
    }

    /**
     * Starts a sink that accepts every address (a catch-all), still recording what it was asked.
     */
    static RecipientCheckingSink acceptingAll() throws IOException {
        return new RecipientCheckingSink(Set.of(), true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every address asked about at RCPT, in order. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    List<Received> messages() {
        return List.copyOf(messages);
    }

    /** Waits until at least {@code count} messages arrived; returns them. */
    List<Received> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return messages();
    }

    /** Waits {@code quiet} and returns every message received by then. */
    List<Received> messagesAfter(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        return messages();
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
                                    try (socket) {
                                        converse(socket);
                                    } catch (IOException e) {
                                        // The client went away; nothing to record.
                                    }
                                },
                                "recipient-checking-sink-session");
                t.setDaemon(true);
                t.start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // Try the next connection.
            }
        }
    }

    /** RFC 5321 section 4.1.1 commands, one reply each; no extensions but 8BITMIME. */
    private void converse(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        reply(out, "220 sink.test ESMTP");
        String reversePath = null;
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = readLine(in)) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                reply(out, "250-sink.test\r\n250 8BITMIME");
            } else if (upper.startsWith("HELO")) {
                reply(out, "250 sink.test");
            } else if (upper.startsWith("MAIL FROM:")) {
                reversePath = path(line.substring(10));
                recipients.clear();
                reply(out, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO:")) {
                String address = path(line.substring(8)).toLowerCase(Locale.ROOT);
                asked.add(address);
                if (acceptsAll || known.contains(address)) {
                    recipients.add(address);
                    reply(out, "250 2.1.5 Ok");
                } else {
                    reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected");
                }
            } else if (upper.equals("DATA")) {
                if (reversePath == null || recipients.isEmpty()) {
                    reply(out, "503 5.5.1 No valid recipients");
                    continue;
                }
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                messages.add(new Received(reversePath, List.copyOf(recipients), readData(in)));
                reversePath = null;
                recipients.clear();
                reply(out, "250 2.0.0 Ok: queued");
            } else if (upper.equals("RSET")) {
                reversePath = null;
                recipients.clear();
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("NOOP")) {
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 Command not recognized");
            }
        }
    }

    /** The address inside {@code <...>}, without parameters. */
    private static String path(String argument) {
        String a = argument.strip();
        int lt = a.indexOf('<');
        int gt = a.indexOf('>');
        return lt >= 0 && gt > lt ? a.substring(lt + 1, gt) : a.split(" ")[0];
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
