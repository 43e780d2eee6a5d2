package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.filtermx.application.port.CalloutSettings;

/**
 * Recipient verification's settings from the environment (overridable by system properties of the
 * same name), each with the default of {@link CalloutSettings}; a value that does not parse or is
 * out of range falls back to the default rather than stopping the node.
 */
@ApplicationScoped
public class CalloutConfiguration implements CalloutSettings {

    private final GatewaySettings env;

    public CalloutConfiguration() {
        this.env = new GatewaySettings();
    }

    CalloutConfiguration(Map<String, String> env) {
        this.env = new GatewaySettings(env);
    }

    @Override
    public Duration validTtl() {
        return duration("FILTERMX_CALLOUT_VALID_TTL", DEFAULT_VALID_TTL, Duration.ofDays(60));
    }

    @Override
    public Duration invalidTtl() {
        return duration("FILTERMX_CALLOUT_INVALID_TTL", DEFAULT_INVALID_TTL, Duration.ofDays(7));
    }

    @Override
    public Duration timeout() {
        return duration("FILTERMX_CALLOUT_TIMEOUT", DEFAULT_TIMEOUT, Duration.ofMinutes(2));
    }

    @Override
    public int sessionLimit() {
        return number("FILTERMX_CALLOUT_SESSION_LIMIT", DEFAULT_SESSION_LIMIT, 1, 1000);
    }

    @Override
    public int domainRate() {
        return number("FILTERMX_CALLOUT_DOMAIN_RATE", DEFAULT_DOMAIN_RATE, 1, 100_000);
    }

    private Duration duration(String name, Duration fallback, Duration max) {
        try {
            Duration d = GatewaySettings.parseDuration(env.value(name, fallback.toMillis() + "ms"));
            return !d.isNegative() && !d.isZero() && d.compareTo(max) <= 0 ? d : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private int number(String name, int fallback, int min, int max) {
        try {
            int v = Integer.parseInt(env.value(name, Integer.toString(fallback)));
            return v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
