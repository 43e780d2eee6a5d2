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

    /** The event a test sends: to the one webhook asked, whatever events it subscribed to. */
    String TEST_EVENT = "webhook.test";

    /** Most test events of one webhook that may wait for delivery at once. */
    int MAX_PENDING_TESTS = 3;

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

    /**
     * A test event put into the outbox: its {@code id} is the payload's, so that a panel can match
     * what its endpoint receives.
     */
    record TestQueued(long webhookId, String event, String id, Instant occurredAt) {}

    /** A new webhook with the secret that signs its events, shown this once only. */
    record Registered(WebhookEntry webhook, String secret) {}

    /** Registers {@code url} for {@code events} (null or empty: all). */
    Registered register(Caller caller, String url, List<String> events);

    /** The caller's webhooks (an administrator: all). */
    List<WebhookEntry> list(Caller caller);

    WebhookEntry get(Caller caller, long id);

    void remove(Caller caller, long id);

    /**
     * Queues a signed {@link #TEST_EVENT} for this webhook only, delivered through the outbox like
     * any event (same signature, same retries), so that a panel can check its endpoint and secret.
     * Refused with {@code Conflict} while {@link #MAX_PENDING_TESTS} tests still wait.
     */
    TestQueued test(Caller caller, long id);
}
