package org.filtermx.application.port;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A host and port a message is relayed to, optionally with the address the MX lookup already
 * resolved, so the transport does not resolve the name again.
 *
 * @param host the host name or address literal, used for the connection, for TLS SNI and in logs
 * @param port the TCP port, 25 for MX delivery or the customer's configured route port
 * @param address the address to connect to, or {@code null} to resolve {@code host}
 * @param tls what TLS the delivery must achieve; {@code null} for {@link
 *     TlsRequirement#OPPORTUNISTIC}
 * @param secure whether DNSSEC vouched for the MX answer and the host's addresses (RFC 7672 section
 *     2.2.1): only then does the transport look for the host's TLSA records (DANE)
 */
public record RelayHost(
        String host, int port, InetAddress address, TlsRequirement tls, boolean secure) {

    public RelayHost {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        tls = tls == null ? TlsRequirement.OPPORTUNISTIC : tls;
    }

    public RelayHost(String host, int port, InetAddress address, TlsRequirement tls) {
        this(host, port, address, tls, false);
    }

    public RelayHost(String host, int port, InetAddress address) {
        this(host, port, address, null, false);
    }

    public RelayHost(String host, int port) {
        this(host, port, null, null, false);
    }

    /** The same host with another TLS requirement. */
    public RelayHost withTls(TlsRequirement requirement) {
        return new RelayHost(host, port, address, requirement, secure);
    }

    /**
     * The host as {@code host:port}, the form recorded as the remote MTA; an IPv6 literal host in
     * brackets ({@code [2001:db8::25]:25}) so that the port stays apart.
     */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":"
                + port;
    }
}
