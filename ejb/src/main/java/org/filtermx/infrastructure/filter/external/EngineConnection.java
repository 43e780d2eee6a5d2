package org.filtermx.infrastructure.filter.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * One TCP conversation with an engine that cannot outlast the scanner's time budget: reads time
 * out, and a watchdog closes the socket when the budget is spent, which also ends a write that an
 * engine no longer reading would otherwise block forever.
 */
final class EngineConnection implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "filtermx-engine-watchdog");
                        thread.setDaemon(true);
                        return thread;
                    });

    private final String engine;
    private final Duration budget;
    private final Socket socket;
    private final ScheduledFuture<?> alarm;
    private volatile boolean expired;

    private EngineConnection(String engine, Duration budget, Duration left, Socket socket) {
        this.engine = engine;
        this.budget = budget;
        this.socket = socket;
        this.alarm = WATCHDOG.schedule(this::expire, left.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Connects within the connect timeout (itself capped by the budget) and starts the budget's
     * clock.
     *
     * @param engine how the engine is named in failures, e.g. {@code clamd at 127.0.0.1:3310}
     */
    static EngineConnection open(
            String engine, InetSocketAddress address, Duration connectTimeout, Duration budget)
            throws ScannerUnavailable {
        Socket socket = new Socket();
        long started = System.nanoTime();
        try {
            int connectMillis =
                    (int) Math.max(1, Math.min(connectTimeout.toMillis(), budget.toMillis()));
            socket.connect(
                    new InetSocketAddress(address.getHostString(), address.getPort()),
                    connectMillis);
            Duration left = budget.minusNanos(System.nanoTime() - started);
            socket.setSoTimeout((int) Math.max(1, left.toMillis()));
            socket.setTcpNoDelay(true);
            return new EngineConnection(
                    engine, budget, left.isNegative() ? Duration.ofMillis(1) : left, socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ScannerUnavailable(
                    engine + ": no connection within " + Timeouts.describe(connectTimeout), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ScannerUnavailable(engine + ": cannot connect: " + e, e);
        }
    }

    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    InputStream input() throws IOException {
        return socket.getInputStream();
    }

    /** Tells the engine the request is complete, for protocols that read to end of stream. */
    void finishRequest() throws IOException {
        socket.shutdownOutput();
    }

    /** The exception a scanner throws for an I/O failure in this conversation. */
    ScannerUnavailable failure(IOException cause) {
        if (expired || cause instanceof SocketTimeoutException) {
            return new ScannerUnavailable(
                    engine + ": time budget of " + Timeouts.describe(budget) + " spent", cause);
        }
        String problem = cause instanceof ProtocolException ? cause.getMessage() : cause.toString();
        return new ScannerUnavailable(engine + ": " + problem, cause);
    }

    /** The exception for a reply this client does not understand. */
    ScannerUnavailable failure(String problem) {
        return new ScannerUnavailable(engine + ": " + problem);
    }

    private void expire() {
        expired = true;
        closeQuietly(socket);
    }

    @Override
    public void close() {
        alarm.cancel(false);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to release: the conversation is over either way.
        }
    }
}
