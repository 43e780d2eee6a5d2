package org.filtermx.application.internal.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.filtermx.application.OutgoingSender;
import org.junit.jupiter.api.Test;

class BreakerNoticeTest {

    private static final Instant LOCKED = Instant.parse("2026-12-03T16:42:05Z");

    private static final OutgoingSender ACCOUNT =
            new OutgoingSender(7, "shop.example", "shop@shop.example", "", true, "abuse@isp.test");

    private static final OutgoingSender SMARTHOST =
            new OutgoingSender(
                    9, "shop.example", "webserver", "mallory@shop.example", true, "abuse@isp.test");

    private static BreakerNotice.Facts facts(
            OutgoingSender sender, boolean learning, boolean selfUnlockLeft) {
        return new BreakerNotice.Facts(
                sender,
                "burst: 412 messages this hour, above the limit of 100 (usually 3.2 per hour)",
                LOCKED,
                412,
                415,
                100,
                500,
                3.24,
                3.5,
                learning,
                selfUnlockLeft,
                "https://gw.example/console/outgoing.xhtml");
    }

    private static MimeMessage parse(byte[] mail) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
    }

    private static final BreakerNotice COMPOSER =
            new BreakerNotice("FilterMX <postmaster@gw.example>", "gw.example");

    @Test
    void composesAPlainNoticeToTheContactThatNoAutoResponderAnswers() throws Exception {
        byte[] mail = COMPOSER.compose(facts(ACCOUNT, false, true));
        MimeMessage m = parse(mail);
        assertThat(m.getSubject())
                .isEqualTo("Outgoing account locked: unusual burst of mail from shop@shop.example");
        assertThat(m.getHeader("To", ",")).isEqualTo("abuse@isp.test");
        assertThat(m.getHeader("From", ",")).isEqualTo("FilterMX <postmaster@gw.example>");
        assertThat(m.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(m.getHeader("X-FilterMX-Event", ",")).isEqualTo("outgoing.locked");
        assertThat(m.getHeader("X-FilterMX-Outgoing-User", ",")).isEqualTo("shop@shop.example");
        assertThat(m.getHeader("Message-ID", ",")).endsWith("@gw.example>");
        assertThat(m.getContentType()).startsWith("text/plain");
        assertThat(m.getSentDate().toInstant()).isEqualTo(LOCKED);
        // Every line ends CRLF, ready for the spool.
        String raw = new String(mail, StandardCharsets.UTF_8);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void tellsTheBurstAgainstTheBaselineAndThatTheSelfUnlockIsLeft() throws Exception {
        String text = (String) parse(COMPOSER.compose(facts(ACCOUNT, false, true))).getContent();
        assertThat(text)
                .contains("Outgoing user:    shop@shop.example")
                .contains("Locked at:        Thu, 3 Dec 2026 16:42:05 +0000")
                .contains("This hour:        412 messages, 415 recipients (since 2026-12-03 16:00")
                .contains("Limit this hour:  100 messages, 500 recipients")
                .contains("Usual:            3.2 messages, 3.5 recipients per hour")
                .contains("Reason:           burst: 412 messages this hour")
                .contains("refused (550 5.7.1) until it is unlocked")
                .contains("today's unlock is still available")
                .contains("https://gw.example/console/outgoing.xhtml")
                .contains("POST /api/v1/outgoing-users/7/unlock")
                .doesNotContain("Sender:");
    }

    @Test
    void aLearningSmarthostSenderWithItsUnlockUsedIsLeftToTheProvider() throws Exception {
        BreakerNotice.Facts f = facts(SMARTHOST, true, false);
        assertThat(BreakerNotice.subject(f))
                .isEqualTo(
                        "Outgoing sender locked: unusual burst of mail from webserver"
                                + " (mallory@shop.example)");
        String text = BreakerNotice.text(f);
        assertThat(text)
                .contains("Sender:           mallory@shop.example")
                .contains("Usual:            still learning")
                .contains("self-service unlock of this outgoing user has been used")
                .contains("the reseller")
                .doesNotContain("still available")
                .doesNotContain("per hour (learned");
    }

    @Test
    void controlCharactersCannotAddHeaderLines() throws Exception {
        OutgoingSender evil =
                new OutgoingSender(
                        3, "shop.example", "a\r\nBcc: x@evil.test", "", true, "abuse@isp.test");
        MimeMessage m = parse(COMPOSER.compose(facts(evil, false, true)));
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).contains("a  Bcc: x@evil.test");
    }

    @Test
    void aContactThatIsNoAddressIsAClearFailure() {
        OutgoingSender bad = new OutgoingSender(3, "shop.example", "shop", "", true, "not an @@");
        assertThatThrownBy(() -> COMPOSER.compose(facts(bad, false, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an @@");
    }
}
