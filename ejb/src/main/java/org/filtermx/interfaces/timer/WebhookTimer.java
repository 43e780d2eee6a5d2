package org.filtermx.interfaces.timer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.internal.breaker.WebhookDispatch;
import org.filtermx.application.internal.breaker.WebhookOutbox;

/**
 * Every node looks for due webhook deliveries every {@value #INTERVAL_MILLIS} ms; the outbox's
 * claims make each row go out from one node at a time, so the timer is not persistent (ADR 0045). A
 * run that is still going when the next is due makes that one return at once (one run per node at a
 * time), rather than queueing on the singleton's lock: a slow receiver may take ten seconds per
 * attempt.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WebhookTimer {

    static final long INTERVAL_MILLIS = 10_000;

    /** Finished deliveries are purged about once an hour. */
    static final int PURGE_EVERY = 360;

    private static final Logger LOG = Logger.getLogger(WebhookTimer.class.getName());

    @Resource private TimerService timers;
    @Inject private WebhookDispatch dispatch;
    @Inject private WebhookOutbox outbox;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger runs = new AtomicInteger();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(
                INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig("webhook-delivery", false));
    }

    @Timeout
    void deliver() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatch.deliverDue();
            if (runs.incrementAndGet() % PURGE_EVERY == 0) {
                outbox.purge(Instant.now());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook delivery failed: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }
}
