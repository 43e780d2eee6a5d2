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
import org.filtermx.domain.model.mtasts.MtaStsPolicy;

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

    /**
     * Raised when mail for a domain must wait: its MTA-STS policy (mode enforce) names none of its
     * MX hosts (RFC 8461 section 4.1). Temporary, like a 4xx: the policy or the MX may change.
     */
    static class Deferred extends Exception {
        Deferred(String message) {
            super(message);
        }
    }

    @Inject private HostedDomainDirectory directory;
    @Inject private MxLookup mx;
    @Inject private MtaStsPolicies mtaSts;

    DeliveryRoutes() {}

    DeliveryRoutes(HostedDomainDirectory directory, MxLookup mx) {
        this(directory, mx, null);
    }

    DeliveryRoutes(HostedDomainDirectory directory, MxLookup mx, MtaStsPolicies mtaSts) {
        this.directory = directory;
        this.mx = mx;
        this.mtaSts = mtaSts;
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
    List<RelayHost> resolve(String domain) throws Unroutable, Deferred {
        Optional<HostedDomain> hosted = directory.lookup(domain);
        if (hosted.isPresent()) {
            TlsRequirement tls = routeTls(hosted.get());
            return hosted.get().routes().stream()
                    .map(r -> new RelayHost(r.host(), r.port(), null, tls))
                    .toList();
        }
        List<RelayHost> hosts;
        try {
            hosts = mx.mailHosts(domain);
        } catch (MxLookup.NoMailService e) {
            throw new Unroutable(e.getMessage());
        }
        if (mtaSts == null) {
            return hosts;
        }
        Optional<MtaStsPolicy> policy = mtaSts.policyFor(domain);
        return policy.isEmpty() ? hosts : MtaStsRoutes.apply(domain, policy.get(), hosts);
    }
}
