package org.filtermx.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The settings of verified outbound TLS and MTA-STS from the environment (overridable by system
 * properties of the same name): the operator's extra trust anchors and the port MTA-STS policies
 * are fetched from.
 */
@ApplicationScoped
public class TlsConfiguration {

    /** RFC 8461 section 3.3: policies are fetched over HTTPS, port 443. */
    public static final int DEFAULT_MTA_STS_PORT = 443;

    private final GatewaySettings env;

    public TlsConfiguration() {
        this(new GatewaySettings());
    }

    TlsConfiguration(Map<String, String> env) {
        this(new GatewaySettings(env));
    }

    private TlsConfiguration(GatewaySettings env) {
        this.env = env;
    }

    /**
     * A PEM file of certificate authorities trusted beside the JDK's ({@code
     * FILTERMX_TLS_TRUST_ANCHORS}); blank for none.
     */
    public String trustAnchors() {
        return env.value("FILTERMX_TLS_TRUST_ANCHORS", "").strip();
    }

    /**
     * The port MTA-STS policy hosts are asked on ({@code FILTERMX_MTA_STS_PORT}; 443 except in
     * tests that run without root).
     */
    public int mtaStsPort() {
        try {
            int port = Integer.parseInt(env.value("FILTERMX_MTA_STS_PORT", "443").strip());
            return port >= 1 && port <= 65535 ? port : DEFAULT_MTA_STS_PORT;
        } catch (NumberFormatException e) {
            return DEFAULT_MTA_STS_PORT;
        }
    }
}
