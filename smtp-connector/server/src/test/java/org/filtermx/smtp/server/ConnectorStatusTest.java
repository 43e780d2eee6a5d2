package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.smtp.server.ServerFixture.eventually;

import java.nio.file.Path;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener publishes its bound state and its open sessions, which the health check and the
 * metrics read instead of connecting to it. Counts are process-wide, so the test compares with what
 * it found before.
 */
class ConnectorStatusTest {

    @TempDir Path directory;

    @Test
    void aStartedListenerIsListeningAndCountsItsOpenSessions() throws Exception {
        int before = ConnectorStatus.openSessions(Role.INBOUND);
        try (ServerFixture fixture = ServerFixture.start(directory)) {
            assertThat(ConnectorStatus.listening(Role.INBOUND)).isTrue();
            try (SmtpTestClient client = fixture.connect()) {
                assertThat(client.reply()).startsWith("220");
                eventually(
                        () ->
                                assertThat(ConnectorStatus.openSessions(Role.INBOUND))
                                        .isEqualTo(before + 1));
            }
            eventually(
                    () -> assertThat(ConnectorStatus.openSessions(Role.INBOUND)).isEqualTo(before));
        }
    }
}
