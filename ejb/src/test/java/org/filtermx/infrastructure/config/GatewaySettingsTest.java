package org.filtermx.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void parsesDurationsWithUnits() {
        assertThat(GatewaySettings.parseDuration("300s")).isEqualTo(Duration.ofSeconds(300));
        assertThat(GatewaySettings.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(GatewaySettings.parseDuration("5d")).isEqualTo(Duration.ofDays(5));
        assertThat(GatewaySettings.parseDuration("42")).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void usesPostfixRetryDefaultsAndEnvironmentOverrides() {
        GatewaySettings defaults = new GatewaySettings(Map.of());
        assertThat(defaults.minimalBackoff()).isEqualTo(Duration.ofSeconds(300));
        assertThat(defaults.maximalBackoff()).isEqualTo(Duration.ofSeconds(4000));
        assertThat(defaults.queueLifetime()).isEqualTo(Duration.ofDays(5));
        GatewaySettings custom = new GatewaySettings(Map.of("FILTERMX_RETRY_MIN_BACKOFF", "2s"));
        assertThat(custom.minimalBackoff()).isEqualTo(Duration.ofSeconds(2));
    }
}
