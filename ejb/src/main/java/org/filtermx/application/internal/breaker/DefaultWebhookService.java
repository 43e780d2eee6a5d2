package org.filtermx.application.internal.breaker;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.WebhookService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.WebhookStore;
import org.filtermx.application.port.WebhookStore.Hook;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.webhook.WebhookSignature;
import org.filtermx.domain.model.webhook.WebhookUrl;

/**
 * Webhooks, managed by administrators (all of them) and resellers (their own); every other caller
 * is refused with {@link Forbidden}, and another reseller's webhook is {@link NotFound}, as if
 * absent. A test event goes to the one webhook asked, through the same outbox as real events.
 */
@Stateless
public class DefaultWebhookService implements WebhookService {

    /** Recent deliveries shown with a webhook. */
    static final int SHOWN_DELIVERIES = 20;

    @Inject private WebhookStore store;
    @Inject private UserAccountRepository accounts;

    public DefaultWebhookService() {}

    /** A service wired by hand (unit tests). */
    DefaultWebhookService(WebhookStore store, UserAccountRepository accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public Registered register(Caller caller, String url, List<String> events) {
        long account = manager(caller);
        WebhookUrl target;
        try {
            target = WebhookUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        List<String> chosen = events(events);
        store.lockAccount(account);
        if (store.countOf(account) >= MAX_PER_ACCOUNT) {
            throw new Conflict("an account has at most " + MAX_PER_ACCOUNT + " webhooks");
        }
        String secret = WebhookSignature.newSecret();
        long id = store.add(account, target.text(), secret, chosen, Instant.now());
        return new Registered(get(caller, id), secret);
    }

    @Override
    public List<WebhookEntry> list(Caller caller) {
        long account = manager(caller);
        List<Hook> hooks =
                caller.admin() ? store.list(null, 1000) : store.list(List.of(account), 1000);
        List<WebhookEntry> out = new ArrayList<>();
        for (Hook h : hooks) {
            out.add(entry(h, List.of()));
        }
        return out;
    }

    @Override
    public WebhookEntry get(Caller caller, long id) {
        Hook h = visible(caller, id);
        return entry(
                h,
                store.deliveries(id, SHOWN_DELIVERIES).stream()
                        .map(
                                d ->
                                        new DeliveryEntry(
                                                d.id(),
                                                d.event(),
                                                d.createdAt(),
                                                d.attempts(),
                                                d.delivered()
                                                        ? "delivered"
                                                        : d.doneAt() != null
                                                                ? "given up"
                                                                : "pending",
                                                d.lastStatus(),
                                                d.lastError(),
                                                d.doneAt() == null ? d.nextAttemptAt() : null))
                        .toList());
    }

    @Override
    public void remove(Caller caller, long id) {
        store.remove(visible(caller, id).id());
    }

    @Override
    public TestQueued test(Caller caller, long id) {
        Hook h = visible(caller, id);
        store.lock(h.id());
        long waiting =
                store.deliveries(h.id(), SHOWN_DELIVERIES).stream()
                        .filter(d -> TEST_EVENT.equals(d.event()) && d.doneAt() == null)
                        .count();
        if (waiting >= MAX_PENDING_TESTS) {
            throw new Conflict(
                    waiting
                            + " test events of webhook "
                            + id
                            + " still wait for delivery; see its deliveries");
        }
        Instant now = Instant.now();
        String eventId = UUID.randomUUID().toString();
        store.enqueue(
                h.id(),
                TEST_EVENT,
                WebhookEvents.testPayload(h.id(), caller.username(), now, eventId),
                now);
        return new TestQueued(h.id(), TEST_EVENT, eventId, now.truncatedTo(ChronoUnit.MILLIS));
    }

    private Hook visible(Caller caller, long id) {
        long account = manager(caller);
        Hook h = store.find(id).orElseThrow(() -> new NotFound("no webhook " + id));
        if (!caller.admin() && h.accountId() != account) {
            throw new NotFound("no webhook " + id);
        }
        return h;
    }

    /** The caller's account id when it is an administrator or reseller. */
    private long manager(Caller caller) {
        Tenancy.requireCaller(caller);
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers have webhooks");
        }
        return accounts.find(caller.username(), caller.role())
                .orElseThrow(
                        () ->
                                new Forbidden(
                                        "the account " + caller.username() + " no longer exists"))
                .id();
    }

    static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            return EVENTS;
        }
        if (events.size() > EVENTS.size() * 2) {
            throw new InvalidRequest("unknown events; there are " + String.join(", ", EVENTS));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String e : events) {
            String name = e == null ? "" : LowerCase.of(e.strip());
            if (!EVENTS.contains(name)) {
                throw new InvalidRequest(
                        "unknown event '"
                                + (name.length() > 40 ? name.substring(0, 40) : name)
                                + "'; there are "
                                + String.join(", ", EVENTS));
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    private static WebhookEntry entry(Hook h, List<DeliveryEntry> deliveries) {
        return new WebhookEntry(h.id(), h.owner(), h.url(), h.events(), h.createdAt(), deliveries);
    }
}
