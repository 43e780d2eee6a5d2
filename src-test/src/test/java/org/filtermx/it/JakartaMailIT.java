package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/** A mail client built on Jakarta Mail sends through the gateway, as an application would. */
@GatewayTest
@RunAsClient
class JakartaMailIT {

    private final Api api = Gateway.admin();

    private static Session session(boolean startTls) {
        Properties p = new Properties();
        p.put("mail.smtp.host", Gateway.HOST);
        p.put("mail.smtp.port", String.valueOf(Gateway.SMTP_PORT));
        p.put("mail.smtp.localhost", "app.example");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        if (startTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.trust", "*");
            // The test server's self-signed certificate names mx.filtermx.test, not 127.0.0.1.
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        }
        return Session.getInstance(p);
    }

    @Test
    void deliversAMultipartMessageOverStartTlsAndTheDestinationCanParseIt() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("jmail");
            api.addDomain(domain, sink.port());
            MimeMessage m = new MimeMessage(session(true));
            m.setFrom(new InternetAddress("app@sender.example", "Billing App"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("erin@" + domain));
            m.setSubject("Invoice 2026-11 \u20ac", "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Your invoice is attached.\r\n.\r\nThat dot line stays.", "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setFileName("invoice.pdf");
            attachment.setContent(
                    new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 1, 2, (byte) 0xff},
                    "application/pdf");
            m.setContent(new MimeMultipart(text, attachment));
            m.saveChanges();
            Transport.send(m);

            String delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertThat(delivered).contains("with ESMTPS");
            MimeMessage parsed =
                    new MimeMessage(
                            session(false),
                            new ByteArrayInputStream(
                                    delivered.getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(parsed.getSubject()).isEqualTo("Invoice 2026-11 \u20ac");
            MimeMultipart parts = (MimeMultipart) parsed.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("invoice.pdf");
            assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                    .isEqualTo("Your invoice is attached.\n.\nThat dot line stays.");
        }
    }

    @Test
    void reportsRelayRefusalToTheApplication() {
        MimeMessage m = new MimeMessage(session(false));
        assertThatThrownBy(
                        () -> {
                            m.setFrom("app@sender.example");
                            m.setRecipient(
                                    Message.RecipientType.TO,
                                    new InternetAddress("someone@not-hosted.example"));
                            m.setText("hello");
                            Transport.send(m);
                        })
                .isInstanceOf(SendFailedException.class)
                .hasStackTraceContaining("550 Relay not permitted!");
    }
}
