package org.filtermx.application;

import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.domain.DestinationRoute;

/**
 * An immutable view of a hosted domain as the mail path needs it, cached on every node.
 *
 * @param localRecipients lower-case local parts; empty when the list is not in use
 * @param autoEnableUsers whether recipients with held spam become email users (ADR 0025)
 */
public record HostedDomain(
        String name,
        Set<String> localRecipients,
        boolean catchAll,
        List<DestinationRoute> routes,
        boolean autoEnableUsers) {

    public HostedDomain {
        localRecipients = Set.copyOf(localRecipients);
        routes = List.copyOf(routes);
    }

    /** A domain without auto-enable. */
    public HostedDomain(
            String name,
            Set<String> localRecipients,
            boolean catchAll,
            List<DestinationRoute> routes) {
        this(name, localRecipients, catchAll, routes, false);
    }

    /**
     * Whether mail for {@code localPart} is taken. With a local recipients list in use only its
     * members are, unless the domain is catch-all; postmaster always is (RFC 5321 section 4.5.1).
     */
    public boolean accepts(String localPart) {
        if (localRecipients.isEmpty() || catchAll) {
            return true;
        }
        String lower = localPart.toLowerCase(java.util.Locale.ROOT);
        return localRecipients.contains(lower) || lower.equals("postmaster");
    }
}
