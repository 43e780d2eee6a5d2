package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpServerTlsTest {

    @TempDir Path directory;
    private ServerFixture fixture;

    @BeforeEach
    void startServer() throws Exception {
        fixture = ServerFixture.start(directory);
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    void upgradesToTlsAndStartsTheSessionOver() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            assertThat(client.startTlsHandshake()).isIn("TLSv1.3", "TLSv1.2");

            assertThat(client.command("MAIL FROM:<a@b.c>")).startsWith("503 5.5.1");
            assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).startsWith("503 5.5.1");
            client.command("MAIL FROM:<a@b.c>");
            client.command("RCPT TO:<r@main.test>");
            client.command("DATA");
            client.send("Subject: secret\r\n\r\nx\r\n.\r\n");
            assertThat(client.reply()).startsWith("250 ");
        }
        assertThat(fixture.listener.deliveries.get(0).session().protocolKeyword())
                .isEqualTo("ESMTPS");
    }

    /** CVE-2011-0411: commands pipelined after STARTTLS must not run inside the TLS session. */
    @Test
    void discardsCommandsPipelinedAfterStartTls() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            client.send("STARTTLS\r\nRSET\r\nEHLO injected\r\n");
            assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTlsHandshake();

            assertThat(client.command("MAIL FROM:<a@b.c>"))
                    .isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
        }
    }

    @Test
    void refusesStartTlsWithParameters() throws Exception {
        try (SmtpTestClient client = fixture.greeted()) {
            assertThat(client.command("STARTTLS please")).isEqualTo("501 5.5.4 Syntax: STARTTLS");
        }
    }
}
