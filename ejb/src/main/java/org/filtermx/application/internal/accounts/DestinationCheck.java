package org.filtermx.application.internal.accounts;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.filtermx.application.Caller;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Keeps tenants' destination routes off the gateway itself: below the administrators a route may
 * not point at a loopback, link-local, unspecified, multicast or broadcast address, nor at one of
 * this node's addresses on one of FilterMX's own ports (SMTP, submission, HTTP, management).
 * Otherwise a tenant could make FilterMX deliver into its own listeners (a mail loop, or a relay
 * through the submission port) or into services that trust loopback.
 *
 * <p>Literal addresses are checked as written; a host name is resolved once, with the system
 * resolver that delivery uses, and every address it gives must pass. A name that does not resolve
 * within {@link #RESOLVE_WAIT} passes: what it points at later (DNS can change) is not checked
 * again at delivery, a documented limit (ADR 0014).
 */
@ApplicationScoped
class DestinationCheck {

    /** How long a route's host name may take to resolve before it is let through unchecked. */
    static final Duration RESOLVE_WAIT = Duration.ofSeconds(2);

    @Inject private InstallationSettings settings;

    /** Defined on {@link DefaultDomainService}: a few threads, so slow lookups cannot pile up. */
    @Resource(lookup = DefaultDomainService.ROUTE_LOOKUPS)
    private ManagedExecutorService executor;

    /** Refuses, with {@link InvalidRequest}, a route a non-administrator may not set. */
    void requireAllowed(Caller caller, List<DestinationRoute> routes) {
        if (caller.admin()) {
            return;
        }
        Set<Integer> ownPorts = settings.listenerPorts();
        for (DestinationRoute route : routes) {
            for (InetAddress address : addresses(route.host())) {
                String refusal = refusal(address, route.port(), ownPorts);
                if (refusal != null) {
                    throw new InvalidRequest(
                            "destination "
                                    + route.host()
                                    + ":"
                                    + route.port()
                                    + " is not allowed: "
                                    + refusal
                                    + "; only an administrator can set it");
                }
            }
        }
    }

    /** The addresses a route host stands for: itself if literal, else what it resolves to. */
    private List<InetAddress> addresses(String host) {
        String bare =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        String name = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
        if (isLiteral(name)) {
            try {
                return List.of(InetAddress.getByName(name));
            } catch (UnknownHostException e) {
                throw new InvalidRequest("route host " + host + " is not a valid IP address");
            }
        }
        // RFC 6761 section 6.3: localhost and every name under it are the loopback interface.
        String lower = LowerCase.of(name);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        Future<InetAddress[]> lookup = executor.submit(() -> InetAddress.getAllByName(name));
        try {
            return List.of(lookup.get(RESOLVE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return List.of();
        } catch (ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * IPv4 dotted quads and anything with a colon (IPv6); {@link DestinationRoute} did the syntax.
     */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /**
     * Why {@code address}:{@code port} is no place for a tenant's mail, or null when it is fine.
     * IPv4-mapped IPv6 addresses arrive here as IPv4 ({@link InetAddress#getByName}).
     */
    static String refusal(InetAddress address, int port, Set<Integer> ownPorts) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress() || isThisNetwork(address)) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isMulticastAddress() || isBroadcast(address)) {
            return "a multicast or broadcast address";
        }
        if (ownPorts.contains(port) && isThisHost(address)) {
            return "one of FilterMX's own listeners";
        }
        return null;
    }

    /** RFC 1122 section 3.2.1.3: 0.0.0.0/8 means "this host on this network". */
    private static boolean isThisNetwork(InetAddress address) {
        return address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    private static boolean isBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        for (byte b : address.getAddress()) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean isThisHost(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
