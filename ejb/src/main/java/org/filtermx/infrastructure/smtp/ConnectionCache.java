package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * SMTP sessions left open after a delivery for the next message to the same destination, as
 * Postfix's connection cache does ({@code smtp_connection_cache_on_demand}): a busy destination is
 * then served without a new TCP connection, greeting and EHLO per message. A session is kept at
 * most {@code idleLimit} between messages ({@code smtp_connection_cache_time_limit}, 2 s) and
 * reused for at most {@code reuseLimit} ({@code smtp_connection_reuse_time_limit}, 300 s) after it
 * was opened; at most {@code perDestination} wait per destination. Before reuse the client sends
 * RSET, and a session that fails it is dropped and a fresh one opened. Thread-safe.
 */
final class ConnectionCache {

    /** An open session between transactions, with what its EHLO reply offered. */
    record Idle(
            SmtpConnection connection,
            ServerExtensions extensions,
            long openedAt,
            long idleSince) {}

    private final long idleLimitNanos;
    private final long reuseLimitNanos;
    private final int perDestination;
    private final LongSupplier nanoClock;
    private final Map<String, Deque<Idle>> idle = new HashMap<>();

    ConnectionCache(
            Duration idleLimit, Duration reuseLimit, int perDestination, LongSupplier nanoClock) {
        this.idleLimitNanos = idleLimit.toNanos();
        this.reuseLimitNanos = reuseLimit.toNanos();
        this.perDestination = perDestination;
        this.nanoClock = nanoClock;
    }

    static ConnectionCache postfixDefaults() {
        return new ConnectionCache(
                Duration.ofSeconds(2), Duration.ofSeconds(300), 20, System::nanoTime);
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** The most recently used session to {@code key} that may still be reused, if any. */
    Idle take(String key) {
        List<Idle> stale = new ArrayList<>();
        Idle found = null;
        synchronized (this) {
            Deque<Idle> waiting = idle.get(key);
            long now = now();
            while (waiting != null && !waiting.isEmpty() && found == null) {
                Idle candidate = waiting.pollFirst();
                if (usable(candidate, now)) {
                    found = candidate;
                } else {
                    stale.add(candidate);
                }
            }
        }
        stale.forEach(i -> quit(i.connection()));
        return found;
    }

    /**
     * Keeps a session for the next message; false when it is too old or the destination has enough.
     */
    boolean offer(
            String key, SmtpConnection connection, ServerExtensions extensions, long openedAt) {
        long now = now();
        Idle entry = new Idle(connection, extensions, openedAt, now);
        if (now - openedAt >= reuseLimitNanos) {
            return false;
        }
        synchronized (this) {
            Deque<Idle> waiting = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (waiting.size() >= perDestination) {
                return false;
            }
            waiting.addFirst(entry);
            return true;
        }
    }

    /** Ends every waiting session (at shutdown). */
    void closeAll() {
        List<Idle> all = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(i -> quit(i.connection()));
    }

    /** Ends the sessions that waited longer than the idle limit; returns how many. */
    int closeExpired() {
        List<Idle> stale = new ArrayList<>();
        synchronized (this) {
            long now = now();
            for (Iterator<Deque<Idle>> queues = idle.values().iterator(); queues.hasNext(); ) {
                Deque<Idle> waiting = queues.next();
                waiting.removeIf(
                        i -> {
                            boolean expired = !usable(i, now);
                            if (expired) {
                                stale.add(i);
                            }
                            return expired;
                        });
                if (waiting.isEmpty()) {
                    queues.remove();
                }
            }
        }
        stale.forEach(i -> quit(i.connection()));
        return stale.size();
    }

    synchronized int size() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    private boolean usable(Idle i, long now) {
        return now - i.idleSince() < idleLimitNanos && now - i.openedAt() < reuseLimitNanos;
    }

    /**
     * Says goodbye to a session kept open for reuse, without waiting for the answer (it carries
     * nothing undecided), and closes it.
     */
    static void quit(SmtpConnection connection) {
        try {
            connection.send("QUIT");
            connection.flush();
        } catch (IOException e) {
            // Closed anyway below.
        }
        try {
            connection.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }
}
