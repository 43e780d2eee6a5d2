package org.filtermx.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundConfigurationTest {

    @Test
    void hasTheDocumentedDefaults() {
        OutboundConfiguration c = new OutboundConfiguration(Map.of());

        assertThat(c.spamThreshold()).isEqualTo(5.0);
        assertThat(c.lockThreshold()).isEqualTo(10.0);
        assertThat(c.reportsPerSenderPerHour()).isEqualTo(10);
        assertThat(c.reportMessageLimit()).isEqualTo(1_048_576);
        assertThat(c.destinationConcurrency()).isEqualTo(20);
        assertThat(c.mxPort()).isEqualTo(25);
    }

    @Test
    void readsTheSettingsAndFallsBackOnNonsense() {
        OutboundConfiguration c =
                new OutboundConfiguration(
                        Map.of(
                                "FILTERMX_OUTBOUND_SPAM_THRESHOLD", "7.5",
                                "FILTERMX_OUTBOUND_LOCK_THRESHOLD", "3",
                                "FILTERMX_ARF_REPORTS_PER_HOUR", "many",
                                "FILTERMX_DESTINATION_CONCURRENCY", "0",
                                "FILTERMX_MX_PORT", "14525"));

        assertThat(c.spamThreshold()).isEqualTo(7.5);
        assertThat(c.lockThreshold()).as("never below the spam threshold").isEqualTo(7.5);
        assertThat(c.reportsPerSenderPerHour()).isEqualTo(10);
        assertThat(c.destinationConcurrency()).isEqualTo(20);
        assertThat(c.mxPort()).isEqualTo(14525);
    }
}
