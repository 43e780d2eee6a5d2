package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.filtermx.smtp.api.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up of ADR 0048 against a standalone server: the REHEARSAL listener binds loopback
 * whatever the bind address, takes every recipient without asking for the sender, and gets
 * well-formed synthetic mail; a rehearsal gives up on an endpoint that refuses; a listener started
 * paused greets nobody until it accepts, and then greets the client that waited.
 */
class RehearsalTest {

    @TempDir Path directory;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private SmtpServer server(Role role, String bind) {
        SmtpServerSettings settings =
                SmtpServerSettings.builder()
                        .bindAddress(bind)
                        .inboundPort(0)
                        .submissionPort(0)
                        .submissionsPort(0)
                        .dataDirectory(directory)
                        .serverName("mx.test")
                        .commandTimeout(Duration.ofSeconds(10))
                        .dataTimeout(Duration.ofSeconds(10))
                        .build();
        return new SmtpServer(settings, role, EndpointInvoker.direct(listener), executor, null);
    }

    @Test
    void aRehearsalSendsWellFormedMailToALoopbackListener() throws Exception {
        try (SmtpServer stage = server(Role.REHEARSAL, "0.0.0.0")) {
            InetSocketAddress address = stage.start();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();

            Rehearsal.Result result = Rehearsal.run(address, Duration.ofSeconds(1), 2);

            assertThat(result.accepted()).isPositive();
            assertThat(result.refused()).isZero();
            assertThat(listener.deliveries).hasSize((int) result.accepted());
            assertThat(listener.events("sender")).as("no sender call, as on the MX port").isEmpty();
            for (RecordingListener.Delivery d : listener.deliveries) {
                assertThat(d.session().role()).isEqualTo(Role.REHEARSAL);
                assertThat(d.envelope().recipients())
                        .allMatch(r -> r.endsWith("@rehearsal.invalid"));
                assertThat(d.content()).contains("Message-ID: <rehearsal-");
            }
        }
    }

    @Test
    void everySyntheticMessageHasCrlfLinesShorterThan998AndNoLeadingDot() {
        RehearsalMail mail = new RehearsalMail(3);
        for (int i = 0; i < 40; i++) {
            String data = new String(mail.next().data(), StandardCharsets.UTF_8);
            assertThat(data).endsWith("\r\n");
            for (String line : data.split("\r\n", -1)) {
                assertThat(line).doesNotContain("\n").doesNotContain("\r");
                assertThat(line.length()).isLessThan(998);
                assertThat(line).doesNotStartWith(".");
            }
        }
    }

    @Test
    void aRehearsalGivesUpOnAnEndpointThatRefusesEverything() throws Exception {
        listener.failOnMessage = true;
        try (SmtpServer stage = server(Role.REHEARSAL, "127.0.0.1")) {
            Rehearsal.Result result = Rehearsal.run(stage.start(), Duration.ofMinutes(10), 2);
            assertThat(result.accepted()).isZero();
            assertThat(result.refused()).isGreaterThanOrEqualTo(Rehearsal.MAX_FAILURES);
            assertThat(result.took()).isLessThan(Duration.ofMinutes(5));
        }
    }

    @Test
    void aPausedListenerGreetsOnlyOnceItAccepts() throws Exception {
        try (SmtpServer mx = server(Role.INBOUND, "127.0.0.1")) {
            InetSocketAddress address = mx.startPaused();
            try (Socket client = new Socket()) {
                client.connect(address, 5000);
                client.setSoTimeout(300);
                InputStream in = client.getInputStream();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);

                mx.accept();
                client.setSoTimeout(10_000);
                byte[] greeting = new byte[4];
                assertThat(in.readNBytes(greeting, 0, 4)).isEqualTo(4);
                assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("220 ");
            }
        }
    }
}
