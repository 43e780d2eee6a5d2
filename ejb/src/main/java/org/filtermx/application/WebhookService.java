package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * Webhooks of administrators and resellers (ADR 0045): a hosting panel registers an https URL and
 * receives {@code outgoing.locked} and {@code outgoing.unlocked} events as signed JSON. A reseller
 * sees and manages only its own webhooks, which receive only events of the domains it may see;
 * domain logins and email users may not use webhooks at all.
 */
public interface WebhookService {

    /** The events there are. */
    List<String> EVENTS = List.of("outgoing.locked", "outgoing.unlocked");

    /** Most webhooks of one account. */
    int MAX_PER_ACCOUNT = 10;

    /** A webhook as shown: never with its secret. */
    record WebhookEntry(
            long id,
            String owner,
            String url,
            List<String> events,
            Instant createdAt,
            List<DeliveryEntry> deliveries) {}

    /** One recent delivery of an event. */
    record DeliveryEntry(
            long id,
            String event,
            Instant createdAt,
            int attempts,
            String state,
            Integer lastStatus,
            String lastError,
            Instant nextAttemptAt) {}

    /** A new webhook with the secret that signs its events, shown this once only. */
    record Registered(WebhookEntry webhook, String secret) {}

    /** Registers {@code url} for {@code events} (null or empty: all). */
    Registered register(Caller caller, String url, List<String> events);

    /** The caller's webhooks (an administrator: all). */
    List<WebhookEntry> list(Caller caller);

    WebhookEntry get(Caller caller, long id);

    void remove(Caller caller, long id);
}
