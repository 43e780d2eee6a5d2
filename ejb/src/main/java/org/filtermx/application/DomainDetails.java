package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/** A hosted domain as the API and console show it. */
public record DomainDetails(
        String name,
        List<String> aliases,
        List<Route> destinations,
        List<String> localRecipients,
        boolean catchAll,
        String adminContact,
        Instant createdAt) {

    /** One destination route. */
    public record Route(String host, int port, int priority) {}
}
