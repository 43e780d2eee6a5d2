package org.filtermx.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.filtermx.application.port.MailDnsSettings;
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

    @Test
    void discoveryEvidenceIsKeptNinetyDaysByDefaultAndAtLeastOneDay() {
        assertThat(new GatewaySettings(Map.of()).discoveryRetention())
                .isEqualTo(Duration.ofDays(90));
        assertThat(
                        new GatewaySettings(Map.of("FILTERMX_DISCOVERY_RETENTION", "30d"))
                                .discoveryRetention())
                .isEqualTo(Duration.ofDays(30));
        // "90" without a unit is 90 seconds: held at one day rather than emptying the set.
        assertThat(
                        new GatewaySettings(Map.of("FILTERMX_DISCOVERY_RETENTION", "90"))
                                .discoveryRetention())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void countsBothSubmissionListenersAmongItsOwnPorts() {
        assertThat(new GatewaySettings(Map.of()).listenerPorts()).contains(5870, 4650);
        assertThat(
                        new GatewaySettings(
                                        Map.of(
                                                "FILTERMX_SUBMISSION_PORT", "587",
                                                "FILTERMX_SUBMISSIONS_PORT", "465"))
                                .listenerPorts())
                .contains(587, 465)
                .doesNotContain(5870, 4650);
    }

    @Test
    void mailDnsSettingsDeriveFromTheHostnameUnlessSet() {
        GatewaySettings defaults =
                new GatewaySettings(Map.of("FILTERMX_HOSTNAME", "gw.example.net"));
        assertThat(defaults.mxHosts())
                .containsExactly(new MailDnsSettings.MxHost("gw.example.net", 10));
        assertThat(defaults.spfInclude()).isEqualTo("spf.gw.example.net");
        assertThat(defaults.deliveryHostname()).isEqualTo("gw.example.net");

        GatewaySettings custom =
                new GatewaySettings(
                        Map.of(
                                "FILTERMX_MX_HOSTS",
                                        " MX1.example.net:10, mx2.example.net:20,bad:x,mx3.example.net",
                                "FILTERMX_SPF_INCLUDE", "_spf.example.net",
                                "FILTERMX_DELIVERY_HOSTNAME", "out.example.net"));
        assertThat(custom.mxHosts())
                .containsExactly(
                        new MailDnsSettings.MxHost("mx1.example.net", 10),
                        new MailDnsSettings.MxHost("mx2.example.net", 20),
                        new MailDnsSettings.MxHost("mx3.example.net", 30));
        assertThat(custom.spfInclude()).isEqualTo("_spf.example.net");
        assertThat(custom.deliveryHostname()).isEqualTo("out.example.net");
    }
}
