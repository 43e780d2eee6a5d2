package org.filtermx.application;

import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.domain.model.domain.InboundTls;

/**
 * An immutable view of a hosted domain as the mail path needs it, cached on every node.
 *
 * @param localRecipients lower-case local parts; empty when the list is not in use
 * @param autoEnableUsers whether recipients with held spam become email users (ADR 0025)
 * @param checks the recipient checks at RCPT time the domain switched on (ADR 0031)
 * @param deliveryTls how mail to the domain's routes is protected
 * @param inboundTls whether mail for the domain must arrive over STARTTLS
 */
public record HostedDomain(
        String name,
        Set<String> localRecipients,
        boolean catchAll,
        List<DestinationRoute> routes,
        boolean autoEnableUsers,
        RecipientChecks checks,
        DeliveryTls deliveryTls,
        InboundTls inboundTls) {

    public HostedDomain {
        localRecipients = Set.copyOf(localRecipients);
        routes = List.copyOf(routes);
        checks = checks == null ? RecipientChecks.OFF : checks;
        deliveryTls = deliveryTls == null ? DeliveryTls.OPPORTUNISTIC : deliveryTls;
        inboundTls = inboundTls == null ? InboundTls.OPTIONAL : inboundTls;
    }

    /** A domain with today's TLS behaviour: opportunistic delivery, optional inbound. */
    public HostedDomain(
            String name,
            Set<String> localRecipients,
            boolean catchAll,
            List<DestinationRoute> routes,
            boolean autoEnableUsers,
            RecipientChecks checks) {
        this(name, localRecipients, catchAll, routes, autoEnableUsers, checks, null, null);
    }

    /** A domain without recipient checks. */
    public HostedDomain(
            String name,
            Set<String> localRecipients,
            boolean catchAll,
            List<DestinationRoute> routes,
            boolean autoEnableUsers) {
        this(name, localRecipients, catchAll, routes, autoEnableUsers, RecipientChecks.OFF);
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

    /**
     * Whether each new recipient is verified with a callout to the destination (ADR 0031): only
     * when the domain asked for it and nothing else decides its recipients already (no local
     * recipients list in use, not catch-all).
     */
    public boolean verifiesRecipients() {
        return checks.verifyRecipients() && localRecipients.isEmpty() && !catchAll;
    }

    /** Whether first attempts are deferred by greylisting (ADR 0032). */
    public boolean greylists() {
        return checks.greylisting();
    }

    /** Whether RCPT for the domain is refused until the client has issued STARTTLS. */
    public boolean requiresInboundTls() {
        return inboundTls == InboundTls.REQUIRED;
    }
}
