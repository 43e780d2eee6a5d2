package org.filtermx.application.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.infrastructure.dns.MxLookupException;
import org.filtermx.infrastructure.dns.MxResolver;
import org.filtermx.infrastructure.smtp.Destination;

/**
 * Where mail for a domain goes: a hosted domain's destination routes in priority order, any
 * other domain's MX hosts from DNS (bounces to outside senders).
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
    @Inject private GatewaySettings settings;
    private MxResolver mx;

    @PostConstruct
    void init() {
        mx = new MxResolver(settings.dnsServer());
    }

    List<Destination> resolve(String domain) throws Unroutable {
        Optional<HostedDomain> hosted = directory.lookup(domain);
        if (hosted.isPresent()) {
            return hosted.get().routes().stream()
                    .map(r -> new Destination(r.host(), r.port()))
                    .toList();
        }
        try {
            return mx.resolve(domain);
        } catch (MxLookupException e) {
            if (e.permanent()) {
                throw new Unroutable(e.getMessage());
            }
            throw new TemporaryFailure(e.getMessage(), e);
        }
    }
}
