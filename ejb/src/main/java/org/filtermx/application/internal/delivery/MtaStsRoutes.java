package org.filtermx.application.internal.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;

/**
 * Applies a recipient domain's MTA-STS policy to its MX hosts (RFC 8461 sections 4 and 5): in mode
 * {@code enforce} only the hosts the policy's mx patterns match remain, each to be reached over TLS
 * with a certificate verified for its name, and mail waits when none matches; in mode {@code
 * testing} every host remains, checked the same way but only reported; mode {@code none} changes
 * nothing.
 */
final class MtaStsRoutes {

    private static final Logger LOG = Logger.getLogger(MtaStsRoutes.class.getName());

    private MtaStsRoutes() {}

    static List<RelayHost> apply(String domain, MtaStsPolicy policy, List<RelayHost> hosts)
            throws DeliveryRoutes.Deferred {
        String name = "MTA-STS policy of " + domain;
        switch (policy.mode()) {
            case ENFORCE -> {
                TlsRequirement verified = new TlsRequirement(DeliveryTls.VERIFIED, name, false);
                List<RelayHost> allowed = new ArrayList<>();
                for (RelayHost host : hosts) {
                    if (policy.allows(host.host())) {
                        allowed.add(host.withTls(verified));
                    }
                }
                if (allowed.isEmpty()) {
                    throw new DeliveryRoutes.Deferred(
                            name
                                    + " (mode enforce, id "
                                    + policy.id()
                                    + "): no MX host matches its mx patterns "
                                    + policy.mx()
                                    + " (RFC 8461 section 4.1); MX hosts: "
                                    + hosts.stream().map(RelayHost::host).distinct().toList());
                }
                return allowed;
            }
            case TESTING -> {
                TlsRequirement reported = new TlsRequirement(DeliveryTls.VERIFIED, name, true);
                for (RelayHost host : hosts) {
                    if (!policy.allows(host.host())) {
                        LOG.warning(
                                name
                                        + " (mode testing, not enforced): MX host "
                                        + host.host()
                                        + " matches none of "
                                        + policy.mx()
                                        + "; delivering anyway");
                    }
                }
                return hosts.stream().map(h -> h.withTls(reported)).toList();
            }
            default -> {
                return hosts;
            }
        }
    }
}
