package org.filtermx.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks and their outbox in the shared database (ADR 0045). Secrets are sealed by the adapter
 * with the key file (ADR 0029) and opened only for signing; they are never listed.
 */
public interface WebhookStore {

    /** A registered webhook and the account (name and role) that owns it. */
    record Hook(
            long id,
            long accountId,
            String owner,
            String ownerRole,
            String url,
            List<String> events,
            Instant createdAt) {}

    /** A delivery ready to send, claimed by this node. */
    record Due(
            long id,
            long webhookId,
            String url,
            String secret,
            String event,
            String payload,
            Instant createdAt,
            int attempts) {}

    /** A delivery as the console and API show it. */
    record Delivery(
            long id,
            String event,
            Instant createdAt,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant doneAt,
            boolean delivered) {}

    long add(long accountId, String url, String secret, List<String> events, Instant now);

    Optional<Hook> find(long id);

    /** The webhooks of the given accounts (null: all), at most {@code max}, oldest first. */
    List<Hook> list(Collection<Long> accountIds, int max);

    /** How many webhooks the account has. */
    int countOf(long accountId);

    /**
     * Locks the account's row until the transaction ends, so that counting its webhooks and adding
     * one are a single step for parallel requests.
     */
    void lockAccount(long accountId);

    /**
     * Locks the webhook's row until the transaction ends, so that counting its waiting test events
     * and queueing one are a single step for parallel requests.
     */
    void lock(long id);

    void remove(long id);

    /** Adds an event to the outbox of one webhook, due at once. */
    void enqueue(long webhookId, String event, String payload, Instant now);

    /**
     * Claims up to {@code max} due deliveries for this node until {@code until}; a row another node
     * claimed meanwhile is skipped.
     */
    List<Due> claim(Instant now, Instant until, int max);

    /** The delivery was accepted (2xx). */
    void delivered(long id, int status, Instant now);

    /** The attempt failed: try again at {@code next}, or give up when it is null. */
    void failed(long id, Integer status, String error, Instant next, Instant now);

    /** The latest deliveries of a webhook, newest first. */
    List<Delivery> deliveries(long webhookId, int max);

    /** Deletes finished deliveries older than {@code before}. */
    int purge(Instant before);
}
