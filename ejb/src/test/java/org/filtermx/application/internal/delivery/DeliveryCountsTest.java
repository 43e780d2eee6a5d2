package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.filtermx.application.port.RelayHost;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.infrastructure.metrics.MicrometerMetrics;
import org.junit.jupiter.api.Test;

class DeliveryCountsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryCounts counts = new DeliveryCounts(new MicrometerMetrics(registry));

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void countsRecipientsByOutcomeLeavingFailuresToTheBounce() {
        counts.settled(
                List.of(
                        new RecipientResult("a@x.test", DeliveryStatus.DELIVERED, "250 ok", false),
                        new RecipientResult("b@x.test", DeliveryStatus.DELIVERED, "250 ok", false),
                        new RecipientResult("c@x.test", DeliveryStatus.TEMPORARY, "451", false),
                        new RecipientResult("d@x.test", DeliveryStatus.PERMANENT, "550", false)));
        counts.bounced(1);

        assertThat(counter("filtermx.recipients.delivered")).isEqualTo(2);
        assertThat(counter("filtermx.recipients.deferred")).isEqualTo(1);
        assertThat(counter("filtermx.recipients.bounced")).isEqualTo(1);
    }

    @Test
    void timesAttemptsByLowerCaseDestinationHost() {
        counts.attempted(new RelayHost("MX1.Example.COM", 25, null), 5_000_000);
        counts.attempted(new RelayHost("mx1.example.com", 25, null), 5_000_000);

        assertThat(
                        registry.get("filtermx.delivery.attempt")
                                .tags("route", "mx1.example.com")
                                .timer()
                                .count())
                .isEqualTo(2);
    }
}
