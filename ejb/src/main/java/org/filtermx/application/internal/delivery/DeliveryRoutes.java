package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.MxLookup;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.domain.DeliveryTls;

/**
 * Where mail for a domain goes: a hosted domain's destination routes in priority order, any other
 * domain's MX hosts from DNS (bounces to outside senders).
 */
@ApplicationScoped
class DeliveryRoutes {

    /** Raised when a domain cannot receive mail at all (no such domain, null MX). */
    static class Unroutable extends Exception {
        Unroutable(String message) {
            super(message);
        }
    }

    @Inject private HostedDomainDirectory directory;
    @Inject private MxLookup mx;

    DeliveryRoutes() {}

    DeliveryRoutes(HostedDomainDirectory directory, MxLookup mx) {
        this.directory = directory;
        this.mx = mx;
    }

    /** The TLS a hosted domain's routes must offer, from its TLS policy. */
    private static TlsRequirement routeTls(HostedDomain domain) {
        if (domain.deliveryTls() == DeliveryTls.OPPORTUNISTIC) {
            return TlsRequirement.OPPORTUNISTIC;
        }
        return new TlsRequirement(domain.deliveryTls(), "TLS policy of " + domain.name(), false);
    }

    /** Whether mail for {@code domain} goes by MX (it is not hosted here). */
    boolean viaMx(String domain) {
        return directory.lookup(domain).isEmpty();
    }

    /**
     * The relay hosts for {@code domain}, in the order to try them.
     *
     * @throws TemporaryFailure when DNS cannot answer now
     */
    List<RelayHost> resolve(String domain) throws Unroutable {
        Optional<HostedDomain> hosted = directory.lookup(domain);
        if (hosted.isPresent()) {
            TlsRequirement tls = routeTls(hosted.get());
            return hosted.get().routes().stream()
                    .map(r -> new RelayHost(r.host(), r.port(), null, tls))
                    .toList();
        }
        try {
            return mx.mailHosts(domain);
        } catch (MxLookup.NoMailService e) {
            throw new Unroutable(e.getMessage());
        }
    }
}
