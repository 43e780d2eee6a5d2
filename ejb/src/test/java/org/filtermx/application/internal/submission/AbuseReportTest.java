package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.filtermx.application.OutgoingSender;
import org.junit.jupiter.api.Test;

class AbuseReportTest {

    private static final Instant ARRIVAL = Instant.parse("2026-12-02T21:30:05Z");
    private static final Instant NOW = Instant.parse("2026-12-02T21:30:07Z");
    private static final byte[] BLOCKED =
            ("Received: from client (...)\r\nFrom: Mallory <mallory@shop.example>\r\n"
                            + "To: victim@remote.test\r\nSubject: cheap pills\r\n\r\n"
                            + "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n")
                    .getBytes(StandardCharsets.US_ASCII);

    private static final OutgoingSender SMARTHOST =
            new OutgoingSender(
                    7,
                    "shop.example",
                    "webserver",
                    "mallory@shop.example",
                    true,
                    "abuse@provider.example");

    private static AbuseReport.Facts facts(boolean locked, byte[] message) {
        return new AbuseReport.Facts(
                SMARTHOST,
                "192.0.2.55",
                "mallory@shop.example",
                List.of("victim@remote.test", "other@else.test"),
                ARRIVAL,
                1003.5,
                "GTUBE +1000.0, BAYES_99 +3.5",
                false,
                locked,
                message);
    }

    private static MimeMessage parse(byte[] report) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(report));
    }

    @Test
    void composesAFeedbackReportWithEveryField() throws Exception {
        AbuseReport composer =
                new AbuseReport("FilterMX <postmaster@gw.example>", "gw.example", 1_048_576);

        MimeMessage report = parse(composer.compose(facts(true, BLOCKED), NOW));

        assertThat(report.getHeader("To")[0]).isEqualTo("abuse@provider.example");
        assertThat(report.getFrom()[0].toString()).contains("postmaster@gw.example");
        assertThat(report.getSubject())
                .isEqualTo("Outgoing account locked: spam from webserver (mallory@shop.example)");
        assertThat(report.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(report.getContentType())
                .startsWith("multipart/report")
                .contains("report-type=feedback-report");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);

        BodyPart human = parts.getBodyPart(0);
        assertThat(human.getContentType()).startsWith("text/plain");
        String text = (String) human.getContent();
        assertThat(text)
                .contains("webserver (mallory@shop.example)")
                .contains("Wed, 2 Dec 2026 21:30:05 +0000")
                .contains("1003.5")
                .contains("GTUBE +1000.0")
                .contains("THE ACCOUNT IS NOW LOCKED")
                .contains("unlock it");

        BodyPart feedback = parts.getBodyPart(1);
        assertThat(feedback.getContentType()).startsWith("message/feedback-report");
        InternetHeaders fields;
        try (InputStream in = feedback.getInputStream()) {
            fields = new InternetHeaders(in);
        }
        assertThat(fields.getHeader("Feedback-Type")).containsExactly("abuse");
        assertThat(fields.getHeader("User-Agent")).containsExactly("FilterMX/1.0");
        assertThat(fields.getHeader("Version")).containsExactly("1");
        assertThat(fields.getHeader("Original-Mail-From"))
                .containsExactly("<mallory@shop.example>");
        assertThat(fields.getHeader("Original-Rcpt-To"))
                .containsExactly("<victim@remote.test>", "<other@else.test>");
        assertThat(fields.getHeader("Arrival-Date"))
                .containsExactly("Wed, 2 Dec 2026 21:30:05 +0000");
        assertThat(fields.getHeader("Source-IP")).containsExactly("192.0.2.55");
        assertThat(fields.getHeader("Reported-Domain")).containsExactly("shop.example");
        assertThat(fields.getHeader("Reporting-MTA")).containsExactly("dns; gw.example");
        assertThat(fields.getHeader("Incidents")).containsExactly("1");
        assertThat(fields.getHeader("X-FilterMX-Outgoing-User"))
                .containsExactly("webserver (mallory@shop.example)");

        BodyPart original = parts.getBodyPart(2);
        assertThat(original.getContentType()).startsWith("message/rfc822");
        MimeMessage blocked = (MimeMessage) original.getContent();
        assertThat(blocked.getSubject()).isEqualTo("cheap pills");
        assertThat(blocked.getContent().toString()).contains("GTUBE-STANDARD");
    }

    @Test
    void attachesOnlyTheHeaderSectionAboveTheSizeLimit() throws Exception {
        AbuseReport composer = new AbuseReport("postmaster@gw.example", "gw.example", 64);

        MimeMessage report = parse(composer.compose(facts(false, BLOCKED), NOW));

        BodyPart original = ((MimeMultipart) report.getContent()).getBodyPart(2);
        assertThat(original.getContentType()).startsWith("text/rfc822-headers");
        String headers =
                new String(original.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(headers).contains("Subject: cheap pills").doesNotContain("GTUBE");
    }

    @Test
    void saysTheAccountStaysOpenWhenNotLocked() throws Exception {
        AbuseReport composer = new AbuseReport("postmaster@gw.example", "gw.example", 1 << 20);

        MimeMessage report = parse(composer.compose(facts(false, BLOCKED), NOW));

        assertThat(report.getSubject()).startsWith("Outgoing mail blocked: spam from webserver");
        String text = (String) ((MimeMultipart) report.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("The account stays open").doesNotContain("LOCKED");
    }

    @Test
    void keepsControlCharactersOfTheIdentityOutOfTheFields() {
        OutgoingSender forged =
                new OutgoingSender(
                        8, "shop.example", "web", "a@b\r\nBcc: x@y", true, "c@d.example");
        AbuseReport composer = new AbuseReport("postmaster@gw.example", "gw.example", 1 << 20);
        AbuseReport.Facts f =
                new AbuseReport.Facts(
                        forged,
                        "192.0.2.1",
                        "a@b",
                        List.of("r@s.test"),
                        ARRIVAL,
                        6,
                        "X +6",
                        false,
                        false,
                        BLOCKED);

        assertThat(composer.feedbackFields(f))
                .contains("X-FilterMX-Outgoing-User: web (a@b  Bcc: x@y)\r\n")
                .doesNotContain("\r\nBcc:");
    }
}
