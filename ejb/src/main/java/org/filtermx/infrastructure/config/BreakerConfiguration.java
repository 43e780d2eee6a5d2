package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.filtermx.application.port.BreakerSettings;

/**
 * The circuit breaker's settings from the environment (overridable by system properties of the same
 * name), each with the default of {@link BreakerSettings}; a value that does not parse or is out of
 * range falls back to the default rather than stopping the node.
 */
@ApplicationScoped
public class BreakerConfiguration implements BreakerSettings {

    private final GatewaySettings env;

    public BreakerConfiguration() {
        this.env = new GatewaySettings();
    }

    BreakerConfiguration(Map<String, String> env) {
        this.env = new GatewaySettings(env);
    }

    @Override
    public boolean enabled() {
        return !"false".equalsIgnoreCase(env.value("FILTERMX_BREAKER_ENABLED", "true").strip());
    }

    @Override
    public int floorMessages() {
        return (int)
                number("FILTERMX_BREAKER_FLOOR_MESSAGES", DEFAULT_FLOOR_MESSAGES, 1, 10_000_000);
    }

    @Override
    public int floorRecipients() {
        return (int)
                number(
                        "FILTERMX_BREAKER_FLOOR_RECIPIENTS",
                        DEFAULT_FLOOR_RECIPIENTS,
                        1,
                        100_000_000);
    }

    @Override
    public double factor() {
        return number("FILTERMX_BREAKER_FACTOR", DEFAULT_FACTOR, 1, 1000);
    }

    @Override
    public int warmupHours() {
        return (int) number("FILTERMX_BREAKER_WARMUP_HOURS", DEFAULT_WARMUP_HOURS, 0, 10_000);
    }

    @Override
    public int horizonHours() {
        return (int) number("FILTERMX_BREAKER_HORIZON_HOURS", DEFAULT_HORIZON_HOURS, 1, 100_000);
    }

    private double number(String name, double fallback, double min, double max) {
        try {
            double v = Double.parseDouble(env.value(name, Double.toString(fallback)).strip());
            return v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
