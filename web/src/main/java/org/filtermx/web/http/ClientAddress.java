package org.filtermx.web.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.config.TrustedProxies;

/**
 * The address of the client behind a request, for login throttling and the audit trail: the
 * socket peer, or, when the peer is one of {@code FILTERMX_TRUSTED_PROXIES}, what the proxies
 * recorded in {@code X-Forwarded-For} ({@link TrustedProxies}). WildFly's own {@code
 * proxy-address-forwarding} stays off, since it believes the header from anyone.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());

    @Inject private GatewaySettings settings;

    private TrustedProxies proxies = TrustedProxies.none();

    @PostConstruct
    void init() {
        try {
            proxies = settings.trustedProxies();
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, e.getMessage() + "; no proxy is trusted until it is fixed");
        }
    }

    /** The client address of {@code request}. */
    public String of(HttpServletRequest request) {
        if (proxies.isEmpty()) {
            return request.getRemoteAddr();
        }
        List<String> forwarded = Collections.list(request.getHeaders("X-Forwarded-For"));
        return proxies.clientAddress(request.getRemoteAddr(), forwarded);
    }
}
