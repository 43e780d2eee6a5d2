package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The warm-up of ADR 0048 on a real start: with {@code FILTERMX_WARMUP_SECONDS} set, the node's own
 * loopback clients rehearse the mail path before the MX port accepts mail. A client that connects
 * during the rehearsal waits and is then served (nothing refused); the log shows the rehearsal took
 * messages and ended before the MX listener accepted; nothing of it is left in the message log or
 * the spool, and mail sent afterwards is delivered as usual. The suite runs with the warm-up off;
 * this test restarts the server twice, the second time with the normal settings.
 */
@GatewayTest
@RunAsClient
class WarmUpIT {

    private static final Path LOG =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("server/log/server.log");

    @Test
    void theNodeRehearsesBeforeItAcceptsAndKeepsNothingOfIt() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            Gateway.restartWith(Map.of("FILTERMX_WARMUP_SECONDS", "8"));
            // Connected as early as the socket exists: the greeting waits for the rehearsal.
            String greeting = greetingOfFirstConnection();
            assertThat(greeting).startsWith("220 ");
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();

            List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
            int done = lastIndexContaining(lines, "rehearsal done: ");
            int listening = lastIndexContaining(lines, "INBOUND SMTP listening on");
            assertThat(done).as("a rehearsal line in the log").isNotNegative();
            assertThat(listening).as("the MX port accepts after the rehearsal").isGreaterThan(done);
            String after =
                    lines.get(done).substring(lines.get(done).indexOf("rehearsal done: ") + 16);
            long taken = Long.parseLong(after.substring(0, after.indexOf(' ')));
            assertThat(taken).as("messages the rehearsal ran through the path").isPositive();

            assertThat(
                            Gateway.query(
                                            "SELECT COUNT(*) FROM message_log WHERE domain LIKE"
                                                    + " '%rehearsal.invalid' OR sender LIKE"
                                                    + " '%rehearsal.invalid'")
                                    .strip())
                    .as("nothing of the rehearsal in the message log")
                    .isEqualTo("0");
            assertThat(
                            Gateway.query(
                                            "SELECT COUNT(*) FROM spool_message WHERE target_domain"
                                                    + " = 'rehearsal.invalid'")
                                    .strip())
                    .as("nothing of the rehearsal in the spool")
                    .isEqualTo("0");

            String domain = Gateway.uniqueDomain("warm-up");
            Gateway.admin().addDomain(domain, sink.port());
            Swaks.send("alice@sender.example", "bob@" + domain).assertAccepted();
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
        } finally {
            Gateway.restartWith(Map.of());
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
        }
    }

    /** The greeting on a connection made as soon as the MX port is bound. */
    private static String greetingOfFirstConnection() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(Gateway.HOST, Gateway.SMTP_PORT), 2000);
                socket.setSoTimeout(120_000);
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                return line.toString();
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int lastIndexContaining(List<String> lines, String needle) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }
}
