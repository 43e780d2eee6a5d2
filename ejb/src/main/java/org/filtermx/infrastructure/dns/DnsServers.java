package org.filtermx.infrastructure.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.SimpleResolver;

/**
 * Turns the FILTERMX_DNS setting ({@code host}, {@code host:port} or {@code [v6]:port}) into a
 * resolver; shared by MX lookups and the sender-authentication checks.
 */
public final class DnsServers {

    private DnsServers() {}

    public static SimpleResolver resolver(String server) {
        String host = server.strip();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid DNS server: " + server);
            }
            if (host.length() > close + 1 && host.charAt(close + 1) == ':') {
                port = Integer.parseInt(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            return new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown DNS server: " + server, e);
        }
    }
}
