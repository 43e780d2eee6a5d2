package org.filtermx.infrastructure.filter.auth.dnsbl;

import java.time.Duration;
import java.util.List;

/**
 * The DNS lists to consult and how long all their lookups together may take; {@link #DEFAULTS}
 * consults none, since most lists require registration or a subscription for a gateway's volume.
 *
 * @param temperror the score of {@code RBL_TEMPERROR}, given when a zone did not answer in time
 */
public record DnsListSettings(List<DnsListZone> zones, Duration timeBudget, double temperror) {

    public static final DnsListSettings DEFAULTS =
            new DnsListSettings(List.of(), Duration.ofSeconds(2), 0.0);

    public DnsListSettings {
        zones = List.copyOf(zones);
    }
}
