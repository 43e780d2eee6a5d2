package org.filtermx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination that accepts connections but says nothing until it is opened, then hands each
 * connection to the real destination behind it (smtp-sink): deliveries in progress hang before the
 * greeting, as towards a destination that accepts TCP and stalls, so that their messages stay
 * leased to the node delivering them. A connection whose client has gone meanwhile reaches the
 * destination only as an empty connection.
 */
final class HeldDestination implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final CountDownLatch open = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();

    private HeldDestination(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** Holds connections on a free loopback port in front of the destination at {@code target}. */
    static HeldDestination inFrontOf(int target) throws IOException {
        HeldDestination d =
                new HeldDestination(
                        new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1")), target);
        Thread accept = new Thread(d::acceptLoop, "held-destination");
        accept.setDaemon(true);
        accept.start();
        return d;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections arrived while it was held. */
    int heldConnections() {
        return held.get();
    }

    /** From now on every connection, held or new, goes through to the destination. */
    void open() {
        open.countDown();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (open.getCount() > 0) {
                    held.incrementAndGet();
                }
                Thread t = new Thread(() -> relay(client), "held-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            open.await();
            Socket upstream = new Socket("127.0.0.1", target);
            sockets.add(upstream);
            Thread back = new Thread(() -> pipe(upstream, client), "held-connection-reply");
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // either side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(HeldDestination::close);
    }
}
