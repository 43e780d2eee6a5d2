package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.filtermx.application.port.OutboundSettings;

/**
 * The outgoing path's settings from the environment (overridable by system properties of the same
 * name), each with the default of {@link OutboundSettings}; a value that does not parse or is out
 * of range falls back to the default rather than stopping the node.
 */
@ApplicationScoped
public class OutboundConfiguration implements OutboundSettings {

    /** MX delivery's port ({@code FILTERMX_MX_PORT}): 25 except in tests that run without root. */
    public static final int DEFAULT_MX_PORT = 25;

    /** Postfix's default_destination_concurrency_limit. */
    static final int DEFAULT_DESTINATION_CONCURRENCY = 20;

    private final GatewaySettings env;

    public OutboundConfiguration() {
        this(new GatewaySettings());
    }

    OutboundConfiguration(Map<String, String> env) {
        this(new GatewaySettings(env));
    }

    private OutboundConfiguration(GatewaySettings env) {
        this.env = env;
    }

    @Override
    public double spamThreshold() {
        return number("FILTERMX_OUTBOUND_SPAM_THRESHOLD", DEFAULT_SPAM_THRESHOLD, -1000, 1000);
    }

    @Override
    public double lockThreshold() {
        return Math.max(
                spamThreshold(),
                number("FILTERMX_OUTBOUND_LOCK_THRESHOLD", DEFAULT_LOCK_THRESHOLD, -1000, 1000));
    }

    @Override
    public int reportsPerSenderPerHour() {
        return (int) number("FILTERMX_ARF_REPORTS_PER_HOUR", DEFAULT_REPORTS_PER_HOUR, 0, 10_000);
    }

    @Override
    public long reportMessageLimit() {
        return (long)
                number("FILTERMX_ARF_MESSAGE_LIMIT", DEFAULT_REPORT_MESSAGE_LIMIT, 0, 1 << 30);
    }

    @Override
    public int destinationConcurrency() {
        return (int)
                number(
                        "FILTERMX_DESTINATION_CONCURRENCY",
                        DEFAULT_DESTINATION_CONCURRENCY,
                        1,
                        10_000);
    }

    /** The port MX delivery connects to ({@code FILTERMX_MX_PORT}; only tests change it). */
    public int mxPort() {
        return (int) number("FILTERMX_MX_PORT", DEFAULT_MX_PORT, 1, 65535);
    }

    private double number(String name, double fallback, double min, double max) {
        try {
            double v = Double.parseDouble(env.value(name, Double.toString(fallback)));
            return v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
