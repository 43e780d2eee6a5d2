package org.filtermx.domain.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One destination server of a hosted domain: where its filtered mail is delivered. Lower priority
 * numbers are tried first, like MX preferences.
 */
@Embeddable
public class DestinationRoute {

    /** Tries routes in ascending priority, then host name for a stable order. */
    public static final Comparator<DestinationRoute> BY_PRIORITY =
            Comparator.comparingInt(DestinationRoute::priority).thenComparing(DestinationRoute::host);

    @Column(name = "host", nullable = false, length = 253)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "priority", nullable = false)
    private int priority;

    protected DestinationRoute() {}

    public DestinationRoute(String host, int port, int priority) {
        if (host == null || host.isBlank() || host.length() > 253) {
            throw new IllegalArgumentException("route host must be a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("route port must be between 1 and 65535");
        }
        if (priority < 0 || priority > 65535) {
            throw new IllegalArgumentException("route priority must be between 0 and 65535");
        }
        this.host = host.trim().toLowerCase(java.util.Locale.ROOT);
        this.port = port;
        this.priority = priority;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int priority() {
        return priority;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DestinationRoute r
                && r.host.equals(host)
                && r.port == port
                && r.priority == priority;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, priority);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (priority " + priority + ")";
    }
}
