package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.junit.jupiter.api.Test;

class DsnComposerTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Instant ARRIVAL = Instant.parse("2025-03-05T11:30:00Z");
    private static final String ORIGINAL =
            "Received: from client.origin.test\r\n"
                    + "From: Sender <sender@origin.test>\r\n"
                    + "To: rcpt@customer.test\r\n"
                    + "Subject: Quarterly figures\r\n"
                    + "Message-ID: <abc@origin.test>\r\n"
                    + "\r\n"
                    + "Confidential body text\r\n";

    private final DsnComposer composer =
            new DsnComposer("filter.example.net", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void composesMultipartReportWithExplanationStatusAndHeaders() throws IOException {
        String dsn =
                compose(rejected("rcpt@customer.test", "550 5.1.1 <rcpt@customer.test>: unknown"));

        assertThat(dsn)
                .startsWith("From: Mail Delivery System <MAILER-DAEMON@filter.example.net>\r\n")
                .contains("\r\nTo: <sender@origin.test>\r\n")
                .contains("\r\nSubject: Undelivered Mail Returned to Sender\r\n")
                .contains("\r\nDate: Mon, 10 Mar 2025 12:00:00 +0000\r\n")
                .containsPattern("\r\nMessage-ID: <[0-9a-f-]+@filter\\.example\\.net>\r\n")
                .contains("\r\nAuto-Submitted: auto-replied\r\n")
                .contains("\r\nMIME-Version: 1.0\r\n")
                .contains(
                        "Content-Type: multipart/report; report-type=delivery-status;\r\n"
                                + " boundary=\"");
        String boundary = dsn.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
        String[] parts = dsn.split("\r\n--" + boundary);
        assertThat(parts).hasSize(5);
        assertThat(parts[1])
                .startsWith("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .contains(
                        "<rcpt@customer.test>: host mx.customer.test said: 550 5.1.1\r\n"
                                + "    <rcpt@customer.test>: unknown");
        assertThat(parts[2])
                .isEqualTo(
                        "\r\n"
                                + "Content-Type: message/delivery-status\r\n"
                                + "\r\n"
                                + "Reporting-MTA: dns; filter.example.net\r\n"
                                + "Arrival-Date: Wed, 5 Mar 2025 11:30:00 +0000\r\n"
                                + "\r\n"
                                + "Final-Recipient: rfc822; rcpt@customer.test\r\n"
                                + "Action: failed\r\n"
                                + "Status: 5.1.1\r\n"
                                + "Remote-MTA: dns; mx.customer.test\r\n"
                                + "Diagnostic-Code: smtp; 550 5.1.1 <rcpt@customer.test>: unknown\r\n"
                                + "Last-Attempt-Date: Mon, 10 Mar 2025 11:59:00 +0000\r\n");
        assertThat(parts[3])
                .isEqualTo(
                        "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                                + ORIGINAL.substring(0, ORIGINAL.indexOf("\r\n\r\n") + 2));
        assertThat(parts[4]).isEqualTo("--\r\n");
    }

    @Test
    void returnsHeadersButNeverTheOriginalBody() throws IOException {
        String dsn = compose(rejected("rcpt@customer.test", "550 5.7.1 Rejected"));

        assertThat(dsn).contains("Subject: Quarterly figures").doesNotContain("Confidential body");
    }

    @Test
    void returnsAtMostTheHeaderLimitOfAStuffedHeaderSection() throws IOException {
        StringBuilder stuffed = new StringBuilder("Subject: first\r\n");
        for (int i = 0; i < 1000; i++) {
            stuffed.append("X-Pad-")
                    .append(i)
                    .append(": ")
                    .append("attacker text ".repeat(7))
                    .append("\r\n");
        }
        byte[] dsn =
                composer.compose(
                        "sender@origin.test",
                        ARRIVAL,
                        List.of(rejected("rcpt@customer.test", "550 5.1.1 unknown")),
                        MessageSource.ofBytes(bytes(stuffed + "\r\n" + "body text\r\n")));

        String text = new String(dsn, StandardCharsets.UTF_8);
        String returned = text.substring(text.indexOf("Content-Type: text/rfc822-headers"));
        assertThat(returned.length()).isLessThan(DsnComposer.HEADER_SIZE_LIMIT + 200);
        assertThat(returned).contains("Subject: first").doesNotContain("body text");
        assertThat(dsn.length).isLessThan(12_000);
    }

    @Test
    void keepsEveryLineCrlfTerminatedAndWithin998Octets() throws IOException {
        String longReply = "550 5.7.1 " + "x".repeat(3000) + " and " + "word ".repeat(600);
        String longHeader = "X-Long: " + "y".repeat(2500) + "\r\n";
        byte[] dsn =
                composer.compose(
                        "sender@origin.test",
                        ARRIVAL,
                        List.of(rejected("rcpt@customer.test", longReply)),
                        MessageSource.ofBytes(bytes(longHeader + "Subject: s\n\r\nbody\r\n")));

        String text = new String(dsn, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(998);
        }
        assertThat(text).contains("\r\nSubject: s\r\n");
    }

    @Test
    void reportsExpiredRecipientAs447WithDaysGivenUp() throws IOException {
        RecipientResult last =
                new RecipientResult(
                        "rcpt@customer.test",
                        DeliveryStatus.TEMPORARY,
                        "connect to mx.customer.test:25: Connection refused",
                        false);

        String dsn = compose(DsnRecipient.failed(last, null, NOW.minusSeconds(60)));

        assertThat(dsn)
                .contains("Action: failed\r\nStatus: 4.4.7\r\n")
                .contains(
                        "Diagnostic-Code: X-FilterMX; connect to mx.customer.test:25:"
                                + " Connection\r\n"
                                + " refused\r\n")
                .contains("delivery gave up after 5 days")
                .doesNotContain("Remote-MTA");
    }

    @Test
    void defaultsToStatus500WithoutRemoteEnhancedCode() throws IOException {
        assertThat(compose(rejected("rcpt@customer.test", "550 Mailbox unavailable")))
                .contains("Status: 5.0.0\r\n");
    }

    @Test
    void marksDelayWarningAsDelayed() throws IOException {
        RecipientResult last =
                new RecipientResult(
                        "rcpt@customer.test",
                        DeliveryStatus.TEMPORARY,
                        "451 4.7.1 Greylisted",
                        true);

        String dsn = compose(DsnRecipient.delayed(last, "mx.customer.test", NOW));

        assertThat(dsn)
                .contains("Subject: Delayed Mail (still being retried)\r\n")
                .contains("Action: delayed\r\nStatus: 4.7.1\r\n")
                .contains("could not be delivered for 5 day(s)");
    }

    @Test
    void includesOriginalRecipientWhenKnown() throws IOException {
        String dsn =
                compose(
                        rejected("user@customer.test", "550 5.1.1 Unknown")
                                .withOriginalRecipient("alias@customer-alias.test"));

        assertThat(dsn)
                .contains(
                        "Final-Recipient: rfc822; user@customer.test\r\n"
                                + "Original-Recipient: rfc822; alias@customer-alias.test\r\n");
    }

    @Test
    void neverSendsDsnToTheNullSender() {
        assertThat(DsnComposer.requiresDsn("")).isFalse();
        assertThat(DsnComposer.requiresDsn("<>")).isFalse();
        assertThat(DsnComposer.requiresDsn(null)).isFalse();
        assertThat(DsnComposer.requiresDsn("sender@origin.test")).isTrue();
        assertThatThrownBy(
                        () ->
                                composer.compose(
                                        "<>",
                                        ARRIVAL,
                                        List.of(),
                                        MessageSource.ofBytes(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String compose(DsnRecipient recipient) throws IOException {
        byte[] dsn =
                composer.compose(
                        "sender@origin.test",
                        ARRIVAL,
                        List.of(recipient),
                        MessageSource.ofBytes(bytes(ORIGINAL)));
        return new String(dsn, StandardCharsets.UTF_8);
    }

    private static DsnRecipient rejected(String recipient, String reply) {
        return DsnRecipient.failed(
                new RecipientResult(recipient, DeliveryStatus.PERMANENT, reply, true),
                "mx.customer.test",
                NOW.minusSeconds(60));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
