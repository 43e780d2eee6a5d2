package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Mail for a hosted domain goes through the gateway to the domain's destination route intact.
 *
 * <p>The domains here hold nothing: what is tested is the path and the bytes, not the verdict,
 * which depends on what the engines shared with the other tests hold when this one runs. When
 * nothing arrives, the failure shows what the log says of the message.
 */
@GatewayTest
@RunAsClient
class InboundDeliveryIT {

    private final Api api = Gateway.admin();

    @Test
    void deliversTheReceivedBytesUnchangedBelowTheTraceField() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = TrainingProbes.domainThatHoldsNothing(api, "intact", sink.port());
            String body =
                    "DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=s1; h=from:to:subject;\r\n"
                            + "\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n"
                            + "From: Alice <alice@sender.example>\r\n"
                            + "To: bob@"
                            + domain
                            + "\r\n"
                            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                            + "Message-ID: <intact-1@sender.example>\r\n"
                            + "MIME-Version: 1.0\r\n"
                            + "Content-Type: text/plain; charset=utf-8\r\n"
                            + "Content-Transfer-Encoding: 8bit\r\n"
                            + "\r\n"
                            + "Line one with trailing spaces   \r\n"
                            + ".a line that starts with a dot\r\n"
                            + "..two dots\r\n"
                            + "8-bit: \u00e4\u00f6\u00fc\u00df\r\n"
                            + "\r\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.start("alice@sender.example");
                assertThat(smtp.command("RCPT TO:<bob@" + domain + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.sendBytes(dotStuff(bytes));
                smtp.send(".\r\n");
                assertThat(smtp.reply()).startsWith("250 2.0.0");
                smtp.command("QUIT");
            }
            List<String> got = sink.awaitMessages(1, Duration.ofSeconds(60));
            assertThat(got).as(() -> fate("bob@" + domain)).hasSize(1);
            String delivered = got.get(0);
            assertThat(delivered).contains("X-Rcpt-Args: <bob@" + domain + ">");
            // Everything after our Received field must be the sender's bytes, byte for byte
            // (smtp-sink writes its dump with LF line ends and one extra LF at the end).
            String original = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            assertThat(delivered).contains("(FilterMX) with ESMTP id ");
            assertThat(delivered.substring(delivered.indexOf("DKIM-Signature:")))
                    .isEqualTo(original + "\n");
        }
    }

    @Test
    void rewritesAliasRecipientsInTheEnvelopeOnly() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = TrainingProbes.domainThatHoldsNothing(api, "main", sink.port());
            String alias = Gateway.uniqueDomain("alias");
            assertThat(
                            api.post(
                                            "/domains/" + domain + "/aliases",
                                            "{\"alias\":\"" + alias + "\"}")
                                    .status())
                    .isEqualTo(201);
            Swaks.send(
                            "carol@sender.example",
                            "dave@" + alias,
                            "--header",
                            "To: Dave <dave@" + alias + ">")
                    .assertAccepted();
            List<String> got = sink.awaitMessages(1, Duration.ofSeconds(60));
            assertThat(got).as(() -> fate("dave@" + domain)).hasSize(1);
            String delivered = got.get(0);
            assertThat(delivered).contains("X-Rcpt-Args: <dave@" + domain + ">");
            assertThat(delivered).contains("To: Dave <dave@" + alias + ">");
            Api.Response log = api.get("/log?recipient=dave@" + domain);
            assertThat(log.body())
                    .contains("\"dave@" + domain + "\"")
                    .contains("\"domain\":\"" + domain + "\"");
        }
    }

    /** What the log says of the mail to {@code recipient}: for a failure's message. */
    private String fate(String recipient) {
        return "nothing at the destination; the log for "
                + recipient
                + ": "
                + api.get("/log?recipient=" + recipient).body();
    }

    static byte[] dotStuff(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.replace("\r\n.", "\r\n..")
                .replaceFirst("^\\.", "..")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
