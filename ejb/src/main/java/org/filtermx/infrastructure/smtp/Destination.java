package org.filtermx.infrastructure.smtp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The host and port a message is relayed to, optionally with an address already resolved (from the
 * MX lookup) so the client does not resolve the name again through the system resolver.
 *
 * @param host the host name or address literal, used for the connection, for TLS SNI and in logs
 * @param port the TCP port, 25 for MX delivery or the customer's configured route port
 * @param address the address to connect to, or {@code null} to resolve {@code host}
 */
public record Destination(String host, int port, InetAddress address) {

    public Destination {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public Destination(String host, int port) {
        this(host, port, null);
    }

    /**
     * The destination as {@code host:port}, the form recorded as the remote MTA; an IPv6 literal
     * host in brackets ({@code [2001:db8::25]:25}) so that the port stays apart.
     */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":"
                + port;
    }

    /** Like Postfix logs it: {@code host[address]:port} when the address is known. */
    @Override
    public String toString() {
        return address == null
                ? hostAndPort()
                : host + "[" + address.getHostAddress() + "]:" + port;
    }
}
