package org.filtermx.web.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.filtermx.application.port.ProxyTrust;

/**
 * The address of the client behind a request, for login throttling and the audit trail: the socket
 * peer, or, when the peer is one of {@code FILTERMX_TRUSTED_PROXIES}, what the proxies recorded in
 * {@code X-Forwarded-For} ({@link ProxyTrust}). WildFly's own {@code proxy-address-forwarding}
 * stays off, since it believes the header from anyone.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject private ProxyTrust proxies;

    /** The client address of {@code request}. */
    public String of(HttpServletRequest request) {
        if (proxies.isEmpty()) {
            return request.getRemoteAddr();
        }
        List<String> forwarded = Collections.list(request.getHeaders("X-Forwarded-For"));
        return proxies.clientAddress(request.getRemoteAddr(), forwarded);
    }
}
