package org.filtermx.application.internal.breaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.WebhookService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.WebhookStore;
import org.filtermx.application.port.WebhookStore.Hook;
import org.filtermx.domain.model.account.AccountRole;

/**
 * Puts an event about an outgoing user into the outbox of every webhook that may see it, in the
 * caller's transaction: the event exists exactly when the lock or unlock it tells of was committed.
 * An administrator's webhook gets every domain's events, a reseller's only those of the domains it
 * (or a sub-reseller) owns.
 */
@ApplicationScoped
public class WebhookEvents {

    public static final String LOCKED = "outgoing.locked";
    public static final String UNLOCKED = "outgoing.unlocked";

    private static final Logger LOG = Logger.getLogger(WebhookEvents.class.getName());

    /** Most webhooks one event goes to (the accounts' caps keep real numbers far below). */
    static final int MAX_HOOKS = 1000;

    /** Longest text of a reason in a payload. */
    static final int MAX_REASON = 500;

    @Inject private WebhookStore store;
    @Inject private Tenancy tenancy;

    /**
     * What happened to an outgoing user.
     *
     * @param domain the user's hosted domain
     * @param userId the outgoing user's id (as in {@code /api/v1/outgoing-users/{id}})
     * @param account the user's login name or address range
     * @param identity the smarthost sender locked or unlocked, empty for the account
     * @param reason why it was locked, or who unlocked it
     * @param by {@code breaker}, {@code spam filter}, or the login name that acted
     */
    public record OutgoingEvent(
            String domain,
            long userId,
            String account,
            String identity,
            String reason,
            String by) {}

    public void outgoing(String event, OutgoingEvent e) {
        List<Hook> hooks = store.list(null, MAX_HOOKS);
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        String payload = payload(event, e, now, UUID.randomUUID().toString());
        for (Hook h : hooks) {
            if (h.events().contains(event) && sees(h, e.domain())) {
                store.enqueue(h.id(), event, payload, now);
            }
        }
    }

    /** Longest payload the outbox column holds. */
    static final int MAX_PAYLOAD = 4000;

    /**
     * The JSON body: one object, the same for every webhook of the event; a reason whose escaped
     * form would not fit the outbox is shortened.
     */
    static String payload(String event, OutgoingEvent e, Instant now, String id) {
        String body = payload(event, e, now, id, MAX_REASON);
        return body.length() < MAX_PAYLOAD ? body : payload(event, e, now, id, 0);
    }

    private static String payload(
            String event, OutgoingEvent e, Instant now, String id, int reasonLength) {
        JsonObjectBuilder b =
                Json.createObjectBuilder()
                        .add("id", id)
                        .add("event", event)
                        .add("occurredAt", now.truncatedTo(ChronoUnit.MILLIS).toString())
                        .add("domain", e.domain())
                        .add("outgoingUserId", e.userId())
                        .add("account", e.account())
                        .add("identity", e.identity() == null ? "" : e.identity())
                        .add("reason", cap(e.reason(), reasonLength))
                        .add("by", e.by() == null ? "" : e.by());
        return b.build().toString();
    }

    /**
     * The body of a test event: the fields every event has ({@code id}, {@code event}, {@code
     * occurredAt}), the webhook it tests and who asked; no domain, since it tells of none.
     */
    static String testPayload(long webhookId, String by, Instant now, String id) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("event", WebhookService.TEST_EVENT)
                .add("occurredAt", now.truncatedTo(ChronoUnit.MILLIS).toString())
                .add("webhookId", webhookId)
                .add("by", cap(by, 320))
                .add("message", "A test event of FilterMX: the endpoint and its secret work.")
                .build()
                .toString();
    }

    private boolean sees(Hook h, String domain) {
        if (AccountRole.ADMIN.name().equals(h.ownerRole())) {
            return true;
        }
        if (!AccountRole.RESELLER.name().equals(h.ownerRole())) {
            return false;
        }
        try {
            return tenancy.of(new Caller(h.owner(), AccountRole.RESELLER)).covers(domain);
        } catch (RuntimeException ex) {
            LOG.log(Level.FINE, "webhook " + h.id() + " owner cannot be resolved", ex);
            return false;
        }
    }

    private static String cap(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(0, max) : s;
    }
}
