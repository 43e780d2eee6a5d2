package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client keeps a session that delivered for the next message, as Postfix's connection cache
 * does.
 */
class ConnectionReuseTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ConnectionCache cache =
            new ConnectionCache(Duration.ofSeconds(2), Duration.ofSeconds(300), 20, nanos::get);
    private final SmtpDeliveryClient client =
            new SmtpDeliveryClient(
                    SmtpClientSettings.defaults().withTimeouts(SHORT, SHORT, SHORT), cache);
    private ScriptedSmtpServer server;

    @BeforeEach
    void createServer() throws IOException {
        server = ScriptedSmtpServer.create();
    }

    @AfterEach
    void closeServer() throws IOException {
        client.closeAllIdleConnections();
        server.close();
    }

    @Test
    void sendsTheNextMessageOverTheSameSessionAfterRset() {
        server.start();

        assertThat(deliver("a@customer.test", "first").outcome())
                .isEqualTo(SessionOutcome.COMPLETED);
        assertThat(deliver("b@customer.test", "second").outcome())
                .isEqualTo(SessionOutcome.COMPLETED);

        assertThat(server.sessions()).hasSize(1);
        assertThat(server.lastSession().commands)
                .containsExactly(
                        "EHLO filter.test",
                        "MAIL FROM:<sender@origin.test>",
                        "RCPT TO:<a@customer.test>",
                        "DATA",
                        "RSET",
                        "MAIL FROM:<sender@origin.test>",
                        "RCPT TO:<b@customer.test>",
                        "DATA");
        assertThat(new String(server.lastSession().data, StandardCharsets.US_ASCII))
                .isEqualTo("second\r\n.\r\n");
    }

    @Test
    void opensANewSessionWhenTheCachedOneFailsRset() {
        server.on("RSET", ScriptedSmtpServer.DROP).start();

        deliver("a@customer.test", "first");
        DeliveryAttempt second = deliver("b@customer.test", "second");

        assertThat(second.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(second.recipients())
                .extracting(RecipientResult::status)
                .containsExactly(DeliveryStatus.DELIVERED);
        assertThat(server.sessions()).hasSize(2);
        assertThat(server.lastSession().commands)
                .startsWith("EHLO filter.test")
                .doesNotContain("RSET");
    }

    @Test
    void saysQuitToASessionIdleLongerThanTheLimitAndOpensANewOne() {
        server.start();

        deliver("a@customer.test", "first");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertThat(deliver("b@customer.test", "second").outcome())
                .isEqualTo(SessionOutcome.COMPLETED);

        assertThat(server.sessions()).hasSize(2);
        assertThat(server.sessions().get(0).commands).endsWith("QUIT");
    }

    @Test
    void keepsNoSessionAfterARefusedMessage() {
        server.afterData("554 5.7.1 No thanks").start();

        deliver("a@customer.test", "first");

        assertThat(cache.size()).isZero();
        assertThat(server.lastSession().commands).endsWith("QUIT");
    }

    @Test
    void closesIdleSessionsOnRequest() {
        server.start();
        deliver("a@customer.test", "first");
        assertThat(cache.size()).isOne();

        assertThat(client.closeIdleConnections()).as("not yet expired").isZero();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertThat(client.closeIdleConnections()).isOne();

        assertThat(cache.size()).isZero();
    }

    private DeliveryAttempt deliver(String recipient, String body) {
        return client.deliver(
                server.destination(),
                "filter.test",
                "sender@origin.test",
                List.of(recipient),
                MessageSource.ofBytes((body + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }
}
