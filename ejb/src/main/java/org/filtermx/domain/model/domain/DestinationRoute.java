package org.filtermx.domain.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.IpAddressText;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * One destination server of a hosted domain: where its filtered mail is delivered. Lower priority
 * numbers are tried first, like MX preferences.
 */
@Embeddable
public class DestinationRoute {

    /** Tries routes in ascending priority, then host name for a stable order. */
    public static final Comparator<DestinationRoute> BY_PRIORITY =
            Comparator.comparingInt(DestinationRoute::priority)
                    .thenComparing(DestinationRoute::host);

    @Column(name = "host", nullable = false, length = 253)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "priority", nullable = false)
    private int priority;

    protected DestinationRoute() {}

    public DestinationRoute(String host, int port, int priority) {
        String normalized = host == null ? "" : untagged(LowerCase.of(host.strip()));
        if (!validHost(normalized)) {
            throw new IllegalArgumentException("route host must be a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("route port must be between 1 and 65535");
        }
        if (priority < 0 || priority > 65535) {
            throw new IllegalArgumentException("route priority must be between 0 and 65535");
        }
        this.host = normalized;
        this.port = port;
        this.priority = priority;
    }

    /**
     * The RFC 5321 section 4.1.3 address literal {@code [IPv6:2001:db8::1]} (lower-cased here) as
     * {@code [2001:db8::1]}, the bracketed form the rest of FilterMX reads; anything else as it is.
     */
    private static String untagged(String h) {
        return h.startsWith("[ipv6:") && h.endsWith("]") && h.indexOf(':', 6) >= 0
                ? "[" + h.substring(6)
                : h;
    }

    /**
     * A DNS host name (RFC 1123 labels; underscores tolerated as some internal names use them), an
     * IPv4 address, or an IPv6 address (RFC 4291 section 2.2) with or without brackets. Nothing
     * else, so that no control character or space ever reaches a connection attempt, a log line or
     * a header.
     */
    static boolean validHost(String h) {
        if (h.length() > 253) {
            return false;
        }
        boolean bracketed = h.startsWith("[") && h.endsWith("]");
        String bare = bracketed ? h.substring(1, h.length() - 1) : h;
        if (bracketed || bare.contains(":")) {
            // Brackets hold an address literal only (RFC 5321 section 4.1.3), never a name.
            return bare.matches("[0-9a-f:.]{2,45}") && IpAddressText.parse(bare).isPresent();
        }
        return HOST_NAME.matcher(bare).matches();
    }

    private static final Pattern HOST_NAME =
            Pattern.compile(
                    "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

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
