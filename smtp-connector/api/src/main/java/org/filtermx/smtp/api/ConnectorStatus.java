package org.filtermx.smtp.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the SMTP listeners publish about themselves for health checks and metrics: which roles have
 * a bound listening socket and how many sessions are open. The resource adapter writes it, the
 * application reads it; both see this one class because it lives in the EAR's {@code lib/}, so a
 * readiness probe asks the listener's state instead of opening an SMTP connection (which would
 * count against the per-address connection limit). Counters only: reading and writing cost an
 * atomic operation.
 */
public final class ConnectorStatus {

    private static final Map<Role, AtomicInteger> BOUND = counters();
    private static final Map<Role, AtomicInteger> SESSIONS = counters();

    private ConnectorStatus() {}

    private static Map<Role, AtomicInteger> counters() {
        Map<Role, AtomicInteger> counters = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            counters.put(role, new AtomicInteger());
        }
        return counters;
    }

    /** A listener of {@code role} bound its socket. */
    public static void listenerBound(Role role) {
        BOUND.get(role).incrementAndGet();
    }

    /** A listener of {@code role} that was bound closed its socket. */
    public static void listenerClosed(Role role) {
        BOUND.get(role).decrementAndGet();
    }

    /** True while at least one listener of {@code role} has a bound socket. */
    public static boolean listening(Role role) {
        return BOUND.get(role).get() > 0;
    }

    /** A session (an accepted connection) of a {@code role} listener opened. */
    public static void sessionOpened(Role role) {
        SESSIONS.get(role).incrementAndGet();
    }

    /** A session of a {@code role} listener closed. */
    public static void sessionClosed(Role role) {
        SESSIONS.get(role).decrementAndGet();
    }

    /** The sessions open now on the listeners of {@code role}. */
    public static int openSessions(Role role) {
        return SESSIONS.get(role).get();
    }
}
