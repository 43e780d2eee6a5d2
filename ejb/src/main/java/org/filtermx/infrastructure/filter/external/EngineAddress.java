package org.filtermx.infrastructure.filter.external;

import java.net.InetSocketAddress;

/**
 * Reads the {@code host:port} form in which engine endpoints are configured ({@code
 * 127.0.0.1:3310}, {@code [::1]:783}, or a bare host with the engine's usual port), leaving the
 * name unresolved so a DNS change is seen on the next connection.
 */
final class EngineAddress {

    private EngineAddress() {}

    static InetSocketAddress parse(String value, int defaultPort) {
        String text = value == null ? "" : value.strip();
        String host = text;
        int port = defaultPort;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(value);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                port = portAfterColon(rest, value);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = portAfterColon(text.substring(text.indexOf(':')), value);
        }
        if (host.isEmpty()) {
            throw invalid(value);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static int portAfterColon(String rest, String value) {
        if (!rest.startsWith(":")) {
            throw invalid(value);
        }
        try {
            int port = Integer.parseInt(rest.substring(1));
            if (port < 1 || port > 65535) {
                throw invalid(value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("expected host:port, got " + value);
    }

    /** {@code host:port}, with brackets around an IPv6 literal, as it appears in messages. */
    static String describe(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
