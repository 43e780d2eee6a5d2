package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.filtermx.application.port.GreylistSettings;

/**
 * Greylisting's settings from the environment (overridable by system properties of the same name),
 * each with the default of {@link GreylistSettings}; a value that does not parse or is out of range
 * falls back to the default rather than stopping the node.
 */
@ApplicationScoped
public class GreylistConfiguration implements GreylistSettings {

    private final GatewaySettings env;

    public GreylistConfiguration() {
        this.env = new GatewaySettings();
    }

    GreylistConfiguration(Map<String, String> env) {
        this.env = new GatewaySettings(env);
    }

    @Override
    public Duration delay() {
        return duration("FILTERMX_GREYLIST_DELAY", DEFAULT_DELAY, Duration.ofHours(24));
    }

    @Override
    public Duration retryWindow() {
        return duration(
                "FILTERMX_GREYLIST_RETRY_WINDOW", DEFAULT_RETRY_WINDOW, Duration.ofDays(30));
    }

    @Override
    public Duration maxAge() {
        return duration("FILTERMX_GREYLIST_MAX_AGE", DEFAULT_MAX_AGE, Duration.ofDays(365));
    }

    @Override
    public int autoWhitelist() {
        try {
            int v =
                    Integer.parseInt(
                            env.value(
                                    "FILTERMX_GREYLIST_AUTO_WHITELIST",
                                    Integer.toString(DEFAULT_AUTO_WHITELIST)));
            return v >= 0 && v <= 10_000 ? v : DEFAULT_AUTO_WHITELIST;
        } catch (NumberFormatException e) {
            return DEFAULT_AUTO_WHITELIST;
        }
    }

    private Duration duration(String name, Duration fallback, Duration max) {
        try {
            Duration d = GatewaySettings.parseDuration(env.value(name, fallback.toMillis() + "ms"));
            return !d.isNegative() && !d.isZero() && d.compareTo(max) <= 0 ? d : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
