package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (SEC Consult, December 2023): content with a fake end of data made of bare CR or
 * LF (or hidden by a NUL) must neither end the message nor let the bytes after it run as commands,
 * so no second message from a forged sender ever comes out of the gateway.
 */
@GatewayTest
@RunAsClient
class SmugglingIT {

    private static final String EVIL = "x@evil.example";

    private final Api api = Gateway.admin();

    static Stream<Arguments> fakeEndsOfData() {
        return Stream.of(
                Arguments.of("LF.LF", "\n.\n"),
                Arguments.of("LF.CR", "\n.\r"),
                Arguments.of("CR.LF", "\r.\n"),
                Arguments.of("CR.CR", "\r.\r"),
                Arguments.of("LF.CRLF", "\n.\r\n"),
                Arguments.of("CR.CRLF", "\r.\r\n"),
                Arguments.of("CRLF.CR", "\r\n.\r"),
                Arguments.of("CRLF NUL.CRLF", "\r\n\u0000.\r\n"),
                // The sequences that smuggle through relays which turn CRCRLF into CRLF.
                Arguments.of("CRLF.CRCRLF", "\r\n.\r\r\n"),
                Arguments.of("CRCRLF.CRCRLF", "\r\r\n.\r\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeEndsOfData")
    void aFakeEndOfDataNeitherEndsTheMessageNorSmugglesASecondOne(String name, String fakeEnd)
            throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("smuggle");
            api.addDomain(domain, sink.port());
            String victim = "victim@" + domain;
            String clean = UUID.randomUUID() + "@clean.example";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.command("MAIL FROM:<alice@sender.example>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.send(
                        "From: alice@sender.example\r\nSubject: carrier\r\n\r\nHello"
                                + fakeEnd
                                + "MAIL FROM:<"
                                + EVIL
                                + ">\r\n"
                                + "RCPT TO:<"
                                + victim
                                + ">\r\n"
                                + "DATA\r\n"
                                + "From: ceo@"
                                + domain
                                + "\r\nSubject: smuggled\r\n\r\nsmuggled\r\n"
                                + ".\r\n");
                // One reply only, for the whole thing as one message: the refusal.
                assertThat(smtp.reply()).startsWith("550 5.6.0 ");
                // The session is in sync: the next reply answers the next command.
                assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 Ok");
                assertThat(
                                smtp.transaction(
                                        "carol@sender.example",
                                        List.of("bob@" + domain),
                                        SmtpConversation.message(
                                                "carol@sender.example",
                                                "bob@" + domain,
                                                clean,
                                                "clean")))
                        .startsWith("250 2.0.0");
            }
            List<String> got = sink.awaitMessages(1, Duration.ofSeconds(20));
            assertThat(got).hasSize(1);
            assertThat(got.get(0))
                    .contains("Message-ID: <" + clean + ">")
                    .contains("X-Mail-Args: <carol@sender.example>");
            assertThat(sink.messagesAfter(Duration.ofSeconds(1)))
                    .hasSize(1)
                    .noneMatch(m -> m.contains("X-Mail-Args: <" + EVIL + ">"))
                    .noneMatch(m -> m.contains("smuggled"));
            assertThat(api.log("sender", EVIL, "domain", domain)).isEmpty();
            assertThat(api.log("domain", domain))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("sender")).isEqualTo("carol@sender.example"));
        }
    }
}
