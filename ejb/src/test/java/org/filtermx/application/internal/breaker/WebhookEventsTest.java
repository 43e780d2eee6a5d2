package org.filtermx.application.internal.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.WebhookService;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

    @Test
    void thePayloadIsOneJsonObjectWithTheUserAndWhy() {
        String body =
                WebhookEvents.payload(
                        WebhookEvents.LOCKED,
                        new WebhookEvents.OutgoingEvent(
                                "example.com",
                                42,
                                "shop@example.com",
                                "",
                                "burst: 3 messages \"this\" hour\n" + "x".repeat(900),
                                "breaker"),
                        Instant.parse("2026-12-03T10:00:00.123456Z"),
                        "id-1");
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        assertThat(json.getString("event")).isEqualTo("outgoing.locked");
        assertThat(json.getString("id")).isEqualTo("id-1");
        assertThat(json.getString("occurredAt")).isEqualTo("2026-12-03T10:00:00.123Z");
        assertThat(json.getString("domain")).isEqualTo("example.com");
        assertThat(json.getJsonNumber("outgoingUserId").longValue()).isEqualTo(42);
        assertThat(json.getString("reason"))
                .startsWith("burst: 3 messages \"this\" hour\n")
                .hasSize(500);
        assertThat(json.getString("by")).isEqualTo("breaker");
        assertThat(body.length()).isLessThan(4000);
    }

    @Test
    void aReasonThatWouldNotFitTheOutboxIsLeftOut() {
        String body =
                WebhookEvents.payload(
                        WebhookEvents.LOCKED,
                        new WebhookEvents.OutgoingEvent(
                                "d".repeat(249) + ".com",
                                42,
                                "s".repeat(320),
                                "a".repeat(320),
                                "\u0001".repeat(600),
                                "breaker"),
                        Instant.now(),
                        "id-2");
        assertThat(body).hasSizeLessThan(WebhookEvents.MAX_PAYLOAD).contains("\"reason\":\"\"");
    }

    @Test
    void eventsAreTheKnownOnesOrAll() {
        assertThat(DefaultWebhookService.events(null)).isEqualTo(WebhookService.EVENTS);
        assertThat(DefaultWebhookService.events(List.of(" Outgoing.Unlocked ")))
                .containsExactly("outgoing.unlocked");
        assertThatThrownBy(() -> DefaultWebhookService.events(List.of("message.held")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("unknown event 'message.held'");
    }
}
