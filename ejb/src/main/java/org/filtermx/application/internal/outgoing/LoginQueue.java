package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets the password checks of one login name run one after the other on this node. A customer's
 * server that opens ten connections at once with the right password would otherwise make ten
 * attempts before the first one succeeded, and the throttle, which counts every attempt before it
 * is checked, would refuse the last five. In line, the first check proves the password and the
 * others find it in the credential cache without making an attempt at all.
 *
 * <p>Names share a fixed set of locks (by hash), so memory does not grow with the names tried; a
 * check waits at most {@value #WAIT_SECONDS} seconds and then runs anyway, so a slow database
 * cannot stall AUTH.
 */
@ApplicationScoped
public class LoginQueue {

    static final int STRIPES = 64;
    static final int WAIT_SECONDS = 10;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final long waitSeconds;

    public LoginQueue() {
        this(WAIT_SECONDS);
    }

    LoginQueue(long waitSeconds) {
        this.waitSeconds = waitSeconds;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code check} while no other check of {@code name} runs on this node. */
    public <T> T oneAtATime(String name, Supplier<T> check) {
        ReentrantLock lock = locks[Math.floorMod(name.hashCode(), STRIPES)];
        boolean held = false;
        try {
            held = lock.tryLock(waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return check.get();
        } finally {
            if (held) {
                lock.unlock();
            }
        }
    }
}
