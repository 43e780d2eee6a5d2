package org.filtermx.infrastructure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.filtermx.application.port.Metrics.Refusal;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void countsEachOutcomeUnderItsOwnName() {
        metrics.messageAccepted();
        metrics.messageAccepted();
        metrics.messageRefused(Refusal.VIRUS);
        metrics.messagesHeld(3);
        metrics.recipientsDelivered(2);
        metrics.recipientsDeferred(1);
        metrics.recipientsBounced(4);
        metrics.reportRunFinished(5, 1);

        assertThat(counter("filtermx.messages.accepted")).isEqualTo(2);
        assertThat(counter("filtermx.messages.refused", "reason", "virus")).isEqualTo(1);
        assertThat(counter("filtermx.messages.refused", "reason", "spam")).isZero();
        assertThat(counter("filtermx.messages.held")).isEqualTo(3);
        assertThat(counter("filtermx.recipients.delivered")).isEqualTo(2);
        assertThat(counter("filtermx.recipients.deferred")).isEqualTo(1);
        assertThat(counter("filtermx.recipients.bounced")).isEqualTo(4);
        assertThat(counter("filtermx.report.runs")).isEqualTo(1);
        assertThat(counter("filtermx.reports.sent")).isEqualTo(5);
        assertThat(counter("filtermx.reports.failed")).isEqualTo(1);
    }

    @Test
    void everyRefusalReasonExistsBeforeTheFirstRefusal() {
        for (Refusal why : Refusal.values()) {
            assertThat(
                            registry.get("filtermx.messages.refused")
                                    .tags("reason", label(why))
                                    .counter())
                    .isNotNull();
        }
        assertThat(label(Refusal.SCANNER_UNAVAILABLE)).isEqualTo("scanner_unavailable");
    }

    private static String label(Refusal why) {
        return why.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void timesScansByScanner() {
        metrics.scanned("spf", TimeUnit.MILLISECONDS.toNanos(30));
        metrics.scanned("spf", TimeUnit.MILLISECONDS.toNanos(10));
        metrics.scanned("clamav", TimeUnit.MILLISECONDS.toNanos(200));

        var spf = registry.get("filtermx.scan").tags("scanner", "spf").timer();
        assertThat(spf.count()).isEqualTo(2);
        assertThat(spf.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(registry.get("filtermx.scan").tags("scanner", "clamav").timer().count())
                .isEqualTo(1);
    }

    @Test
    void queueGaugesShowTheLastCount() {
        assertThat(registry.get("filtermx.queue.depth").gauge().value()).isZero();
        assertThat(registry.get("filtermx.queue.oldest.age").timeGauge().value(TimeUnit.SECONDS))
                .isZero();

        metrics.queueCounted(7, Instant.now().minusSeconds(120));

        assertThat(registry.get("filtermx.queue.depth").gauge().value()).isEqualTo(7);
        assertThat(registry.get("filtermx.queue.oldest.age").timeGauge().value(TimeUnit.SECONDS))
                .isBetween(119.0, 130.0);
    }

    @Test
    void sessionGaugesExistPerListener() {
        assertThat(registry.get("filtermx.smtp.sessions.open").tags("listener", "inbound").gauge())
                .isNotNull();
        assertThat(
                        registry.get("filtermx.smtp.sessions.open")
                                .tags("listener", "submission")
                                .gauge())
                .isNotNull();
    }
}
