package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A scanner engine down: clamd is killed, and each domain's policy decides. By default a domain
 * answers {@code 451 4.7.1} (nothing passes unscanned by the virus engine); a domain whose policy
 * says CONTINUE takes the mail and logs that the engine was skipped. When clamd is back, mail flows
 * again. It stops a shared engine, and starts it again before it ends.
 */
@GatewayTest
@RunAsClient
class EngineDownIT {

    private static final Path ENGINES =
            Path.of(
                            System.getProperty(
                                    "filtermx.it.dir",
                                    Gateway.ROOT.resolve("src-test/target/it").toString()))
                    .resolve("engines");

    private final Api api = Gateway.admin();

    @AfterAll
    static void engineBack() throws Exception {
        Process p =
                new ProcessBuilder(
                                Gateway.ROOT.resolve("scripts/engines.sh").toString(),
                                "start",
                                ENGINES.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void eachDomainsPolicyDecidesWhenClamdIsDown() throws Exception {
        Path pidFile = ENGINES.resolve("clamd/clamd.pid");
        if (!Files.exists(pidFile)) {
            throw new org.opentest4j.TestAbortedException(
                    "clamd is not running in this environment");
        }
        try (SmtpSink sink = SmtpSink.start()) {
            String strict = Gateway.uniqueDomain("strict");
            String lenient = Gateway.uniqueDomain("lenient");
            api.addDomain(strict, sink.port());
            api.addDomain(lenient, sink.port());
            assertThat(
                            api.put(
                                            "/domains/" + lenient + "/filter-policy",
                                            "{\"virusEngineDown\":\"CONTINUE\"}")
                                    .status())
                    .isEqualTo(200);
            Gateway.awaitConfigurationReloaded();

            long pid = Long.parseLong(Files.readString(pidFile).replaceAll("\\D", ""));
            ProcessHandle clamd = ProcessHandle.of(pid).orElseThrow();
            clamd.destroyForcibly();
            clamd.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(send(strict)).startsWith("451 4.7.1");
            assertThat(send(lenient)).startsWith("250 2.0.0");
            List<Map<String, Object>> logged =
                    api.awaitLog(e -> !e.isEmpty(), Duration.ofSeconds(10), "domain", lenient);
            assertThat(String.valueOf(logged.get(0).get("reasons"))).contains("ENGINE_DOWN");
            assertThat(api.log("domain", strict, "status", "TEMPFAILED")).hasSize(1);

            engineBack();
            assertThat(send(strict)).startsWith("250 2.0.0");
            assertThat(sink.awaitMessages(2, Duration.ofSeconds(30))).hasSize(2);
        }
    }

    private static String send(String domain) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            String rcpt = "bob@" + domain;
            return smtp.transaction(
                    "alice@sender.example",
                    List.of(rcpt),
                    SmtpConversation.message(
                            "alice@sender.example",
                            rcpt,
                            UUID.randomUUID() + "@engine.test",
                            "hello"));
        }
    }
}
