package org.filtermx.application.internal.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.NotFound;
import org.filtermx.application.WebhookService;
import org.filtermx.application.WebhookService.TestQueued;
import org.filtermx.application.port.WebhookStore;
import org.filtermx.application.port.WebhookStore.Delivery;
import org.filtermx.application.port.WebhookStore.Hook;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccount;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.junit.jupiter.api.Test;

/**
 * The webhook test event: queued for the one webhook asked, through the outbox, within the caller's
 * tenancy, and capped while tests still wait.
 */
class DefaultWebhookServiceTest {

    private static final Caller RESELLER_ONE = new Caller("r-one", AccountRole.RESELLER);
    private static final Caller RESELLER_TWO = new Caller("r-two", AccountRole.RESELLER);
    private static final Caller DOMAIN = new Caller("one.example", AccountRole.DOMAIN);

    /** What was put into the outbox: webhook, event, payload. */
    private record Queued(long webhookId, String event, String payload) {}

    private final List<Queued> outbox = new ArrayList<>();
    private final List<Long> locked = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();

    private static UserAccount account(long id, String name) {
        UserAccount a = new UserAccount(name, "x", AccountRole.RESELLER);
        try {
            Field f = UserAccount.class.getDeclaredField("id");
            f.setAccessible(true);
            f.set(a, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return a;
    }

    private final Map<String, UserAccount> accounts =
            Map.of("r-one", account(1, "r-one"), "r-two", account(2, "r-two"));

    private final Hook hook =
            new Hook(
                    10,
                    1,
                    "r-one",
                    "RESELLER",
                    "https://panel.example/hook",
                    List.of("outgoing.locked"),
                    Instant.parse("2026-12-01T00:00:00Z"));

    private final DefaultWebhookService service =
            new DefaultWebhookService(
                    proxy(
                            WebhookStore.class,
                            (name, a) ->
                                    switch (name) {
                                        case "find" ->
                                                Optional.of(hook)
                                                        .filter(h -> h.id() == (long) a[0]);
                                        case "lock" -> {
                                            locked.add((long) a[0]);
                                            yield null;
                                        }
                                        case "deliveries" -> List.copyOf(deliveries);
                                        case "enqueue" -> {
                                            outbox.add(
                                                    new Queued(
                                                            (long) a[0],
                                                            (String) a[1],
                                                            (String) a[2]));
                                            yield null;
                                        }
                                        default -> throw new UnsupportedOperationException(name);
                                    }),
                    proxy(
                            UserAccountRepository.class,
                            (name, a) -> {
                                if (!name.equals("find")) {
                                    throw new UnsupportedOperationException(name);
                                }
                                UserAccount found = accounts.get((String) a[0]);
                                AccountRole role =
                                        a[1] instanceof AccountRole r
                                                ? r
                                                : ((Set<?>) a[1]).contains(AccountRole.RESELLER)
                                                        ? AccountRole.RESELLER
                                                        : AccountRole.DOMAIN;
                                return Optional.ofNullable(found).filter(u -> u.role() == role);
                            }));

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T)
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (p, m, a) -> answer.answer(m.getName(), a));
    }

    @Test
    void aTestEventIsQueuedForTheOneWebhookWhateverItsEvents() {
        TestQueued queued = service.test(RESELLER_ONE, 10);
        assertThat(queued.webhookId()).isEqualTo(10);
        // The webhook's row is locked before its waiting tests are counted (parallel requests).
        assertThat(locked).containsExactly(10L);
        assertThat(queued.event()).isEqualTo(WebhookService.TEST_EVENT).isEqualTo("webhook.test");
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).webhookId()).isEqualTo(10);
        assertThat(outbox.get(0).event()).isEqualTo("webhook.test");
        JsonObject json = Json.createReader(new StringReader(outbox.get(0).payload())).readObject();
        assertThat(json.getString("id")).isEqualTo(queued.id());
        assertThat(json.getString("event")).isEqualTo("webhook.test");
        assertThat(json.getJsonNumber("webhookId").longValue()).isEqualTo(10);
        assertThat(json.getString("by")).isEqualTo("r-one");
        assertThat(json.getString("occurredAt")).isEqualTo(queued.occurredAt().toString());
        assertThat(json.containsKey("domain")).isFalse();
    }

    @Test
    void anotherResellersWebhookIsNotFoundAndADomainLoginIsForbidden() {
        assertThatThrownBy(() -> service.test(RESELLER_TWO, 10)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.test(RESELLER_ONE, 11)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.test(DOMAIN, 10)).isInstanceOf(Forbidden.class);
        assertThat(outbox).isEmpty();
    }

    @Test
    void testsThatStillWaitAreCapped() {
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        for (int i = 0; i < WebhookService.MAX_PENDING_TESTS; i++) {
            deliveries.add(new Delivery(i, "webhook.test", t, 1, t, 500, "HTTP 500", null, false));
        }
        // Real events waiting do not count.
        deliveries.add(new Delivery(9, "outgoing.locked", t, 0, t, null, null, null, false));
        assertThatThrownBy(() -> service.test(RESELLER_ONE, 10))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("still wait");
        assertThat(outbox).isEmpty();
        // A test that was given up or delivered waits no more.
        deliveries.set(0, new Delivery(0, "webhook.test", t, 9, null, 500, "x", t, false));
        service.test(RESELLER_ONE, 10);
        assertThat(outbox).hasSize(1);
    }
}
