package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Disk almost full: with less free space than the reserve, a new transaction is refused with {@code
 * 452 4.3.1} before any mail is taken, so senders retry rather than FilterMX accepting what it
 * cannot keep. "Almost full" is made by restarting with a reserve larger than any disk ({@code
 * FILTERMX_MIN_FREE_SPACE}); afterwards the normal setting is restored. It restarts the server
 * twice, the second time with the normal settings, before it ends.
 */
@GatewayTest
@RunAsClient
class StorageIT {

    @AfterEach
    void restoreTheNormalReserve() throws Exception {
        Gateway.restartWith(Map.of());
        assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
    }

    @Test
    void mailIsRefusedTemporarilyWhenStorageRunsLow() throws Exception {
        String sender = "storage-" + UUID.randomUUID() + "@sender.example";
        Gateway.restartWith(Map.of("FILTERMX_MIN_FREE_SPACE", Long.toString(1L << 60)));
        assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.command("MAIL FROM:<" + sender + ">"))
                    .isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(smtp.command("MAIL FROM:<" + sender + "> SIZE=1000"))
                    .startsWith("452 4.3.1");
            assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("503");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        List<Map<String, Object>> log = Gateway.admin().log("sender", sender);
        assertThat(log).as("nothing was accepted").isEmpty();
    }
}
