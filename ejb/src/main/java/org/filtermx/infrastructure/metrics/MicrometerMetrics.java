package org.filtermx.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.filtermx.application.port.Metrics;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;

/**
 * The {@link Metrics} port on a Micrometer registry. Every meter is registered once, here, and kept
 * in a field (the refusal counters in an {@link EnumMap}, the timers in {@link BoundedTimers}), so
 * an event costs an addition. Names follow Prometheus' conventions once Micrometer renders them
 * ({@code filtermx.messages.accepted} is served as {@code filtermx_messages_accepted_total}); they
 * are the names a dashboard is built on, so they do not change.
 *
 * <p>Meters are registered through the registry's own methods ({@code counter(name, tags)} and the
 * like), not through {@code Counter.builder(...).register(registry)}: WildFly hands each deployment
 * a registry that passes only those on to the server's registries (Prometheus among them), and
 * keeps builder-registered meters to itself. That also means no description and no histogram
 * buckets: timers are served as count, sum and max.
 */
public final class MicrometerMetrics implements Metrics {

    /** Destination hosts that get a delivery timer of their own; the rest are "other". */
    static final int ROUTE_LIMIT = 50;

    /** Scanner names are a fixed set; the bound only guards against a mistake. */
    static final int SCANNER_LIMIT = 50;

    private final Counter accepted;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Counter held;
    private final Counter delivered;
    private final Counter deferred;
    private final Counter bounced;
    private final Counter reportRuns;
    private final Counter reportsSent;
    private final Counter reportsFailed;
    private final BoundedTimers scans;
    private final BoundedTimers deliveries;
    private volatile long queueDepth;
    private volatile Instant oldestQueued;

    public MicrometerMetrics(MeterRegistry registry) {
        accepted = registry.counter("filtermx.messages.accepted");
        for (Refusal why : Refusal.values()) {
            refused.put(
                    why,
                    registry.counter(
                            "filtermx.messages.refused", "reason", LowerCase.of(why.name())));
        }
        held = registry.counter("filtermx.messages.held");
        delivered = registry.counter("filtermx.recipients.delivered");
        deferred = registry.counter("filtermx.recipients.deferred");
        bounced = registry.counter("filtermx.recipients.bounced");
        reportRuns = registry.counter("filtermx.report.runs");
        reportsSent = registry.counter("filtermx.reports.sent");
        reportsFailed = registry.counter("filtermx.reports.failed");
        scans = new BoundedTimers(registry, "filtermx.scan", "scanner", SCANNER_LIMIT);
        deliveries = new BoundedTimers(registry, "filtermx.delivery.attempt", "route", ROUTE_LIMIT);
        // Gauges hold their object weakly: this instance lives as long as the application, and
        // the Role constants for ever.
        registry.gauge("filtermx.queue.depth", Tags.empty(), this, m -> m.queueDepth);
        registry.more()
                .timeGauge(
                        "filtermx.queue.oldest.age",
                        Tags.empty(),
                        this,
                        TimeUnit.MILLISECONDS,
                        MicrometerMetrics::oldestAgeMillis);
        for (Role role : List.of(Role.INBOUND, Role.SUBMISSION)) {
            registry.gauge(
                    "filtermx.smtp.sessions.open",
                    Tags.of("listener", LowerCase.of(role.name())),
                    role,
                    ConnectorStatus::openSessions);
        }
    }

    private double oldestAgeMillis() {
        Instant oldest = oldestQueued;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis());
    }

    @Override
    public void messageAccepted() {
        accepted.increment();
    }

    @Override
    public void messageRefused(Refusal why) {
        refused.get(why).increment();
    }

    @Override
    public void messagesHeld(int parts) {
        held.increment(parts);
    }

    @Override
    public void recipientsDelivered(int recipients) {
        delivered.increment(recipients);
    }

    @Override
    public void recipientsDeferred(int recipients) {
        deferred.increment(recipients);
    }

    @Override
    public void recipientsBounced(int recipients) {
        bounced.increment(recipients);
    }

    @Override
    public void scanned(String scanner, long nanos) {
        scans.record(scanner, nanos);
    }

    @Override
    public void deliveryAttempted(String route, long nanos) {
        deliveries.record(route, nanos);
    }

    @Override
    public void reportRunFinished(int sent, int failed) {
        reportRuns.increment();
        reportsSent.increment(sent);
        reportsFailed.increment(failed);
    }

    @Override
    public void queueCounted(long depth, Instant oldest) {
        queueDepth = depth;
        oldestQueued = oldest;
    }
}
