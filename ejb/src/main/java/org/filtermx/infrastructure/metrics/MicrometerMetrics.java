package org.filtermx.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.filtermx.application.port.Metrics;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;

/**
 * The {@link Metrics} port on a Micrometer registry. Every meter is registered once, here, and kept
 * in a field (the refusal counters in an {@link EnumMap}, the timers in {@link BoundedTimers}), so
 * an event costs an addition. Names follow Prometheus' conventions once Micrometer renders them
 * ({@code filtermx.messages.accepted} is served as {@code filtermx_messages_accepted_total}); they
 * are the names a dashboard is built on, so they do not change.
 */
public final class MicrometerMetrics implements Metrics {

    /** Histogram buckets of the scan and delivery timers: 5 ms to 60 s. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

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
        accepted =
                Counter.builder("filtermx.messages.accepted")
                        .description("Messages accepted at the end of DATA (250)")
                        .register(registry);
        for (Refusal why : Refusal.values()) {
            refused.put(
                    why,
                    Counter.builder("filtermx.messages.refused")
                            .description("Messages refused at the end of DATA, by reason")
                            .tag("reason", why.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        held =
                Counter.builder("filtermx.messages.held")
                        .description("Message copies held in the quarantine")
                        .register(registry);
        delivered =
                Counter.builder("filtermx.recipients.delivered")
                        .description("Recipients delivered to their destination")
                        .register(registry);
        deferred =
                Counter.builder("filtermx.recipients.deferred")
                        .description("Delivery attempts of a recipient that were deferred (4xx)")
                        .register(registry);
        bounced =
                Counter.builder("filtermx.recipients.bounced")
                        .description("Recipients that failed for good (the sender gets a bounce)")
                        .register(registry);
        reportRuns =
                Counter.builder("filtermx.report.runs")
                        .description("Finished runs of the protection reports")
                        .register(registry);
        reportsSent =
                Counter.builder("filtermx.reports.sent")
                        .description("Protection reports sent by report runs")
                        .register(registry);
        reportsFailed =
                Counter.builder("filtermx.reports.failed")
                        .description("Protection reports that a report run failed to send")
                        .register(registry);
        scans =
                new BoundedTimers(
                        registry,
                        "filtermx.scan",
                        "Time one scanner took for one message",
                        "scanner",
                        SCANNER_LIMIT);
        deliveries =
                new BoundedTimers(
                        registry,
                        "filtermx.delivery.attempt",
                        "Time of one delivery attempt to a destination host",
                        "route",
                        ROUTE_LIMIT);
        Gauge.builder("filtermx.queue.depth", this, m -> m.queueDepth)
                .description("Messages in the delivery queue (counted every few seconds)")
                .register(registry);
        Gauge.builder("filtermx.queue.oldest.age", this, MicrometerMetrics::oldestAgeSeconds)
                .description("Age of the oldest message in the delivery queue; 0 when empty")
                .baseUnit("seconds")
                .register(registry);
        for (Role role : Role.values()) {
            Gauge.builder("filtermx.smtp.sessions.open", () -> ConnectorStatus.openSessions(role))
                    .description("SMTP sessions open now, by listener")
                    .tag("listener", role.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private double oldestAgeSeconds() {
        Instant oldest = oldestQueued;
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
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
