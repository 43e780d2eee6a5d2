package org.filtermx.application.internal.breaker;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.port.WebhookStore;
import org.filtermx.application.port.WebhookStore.Due;
import org.filtermx.application.port.WebhookTransport.Outcome;
import org.filtermx.domain.model.webhook.Backoff;

/**
 * The outbox's short transactions: claiming due deliveries for this node and recording each
 * outcome, so that no transaction stays open while a receiver is asked.
 */
@Stateless
public class WebhookOutbox {

    /** How long a claim holds: longer than one batch of attempts can take. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    /** Most deliveries one node attempts per run. */
    static final int BATCH = 20;

    @Inject private WebhookStore store;

    public List<Due> claim(Instant now) {
        return store.claim(now, now.plus(CLAIM), BATCH);
    }

    /** Records an attempt: done, or due again after the backoff, or given up after a day. */
    public void record(Due due, Outcome outcome, Instant now) {
        if (outcome.accepted()) {
            store.delivered(due.id(), outcome.status(), now);
            return;
        }
        Instant next = Backoff.next(due.createdAt(), due.attempts() + 1, now).orElse(null);
        store.failed(
                due.id(),
                outcome.status() == 0 ? null : outcome.status(),
                outcome.error(),
                next,
                now);
    }

    /** Forgets finished deliveries after a week. */
    public int purge(Instant now) {
        return store.purge(now.minus(Duration.ofDays(7)));
    }
}
