package org.filtermx.infrastructure.filter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.mime.MimeMessageParser;
import org.junit.jupiter.api.Test;

class RulesScannerTest {

    private static final String RECIPIENT_DOMAIN = "example-corp.com";
    private static final MimeMessageParser PARSER = MimeMessageParser.withDefaults();

    private static MessageUnderScan message(byte[] raw) {
        return new MessageUnderScan(
                "192.0.2.1",
                "client.test",
                "",
                List.of("bob@" + RECIPIENT_DOMAIN),
                RECIPIENT_DOMAIN,
                raw,
                PARSER.parse(raw));
    }

    private static MessageUnderScan fixture(String name) throws IOException {
        try (InputStream in = RulesScannerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return message(in.readAllBytes());
        }
    }

    private static Set<String> rules(String name) throws IOException {
        return RulesScanner.hits(fixture(name)).stream()
                .map(RuleHit::rule)
                .collect(Collectors.toSet());
    }

    @Test
    void linkTextShowingAnotherHostIsAMismatch() throws IOException {
        assertThat(rules("phish-link.eml")).contains("LINK_TEXT_HOST_MISMATCH");
        assertThat(RulesScanner.hits(fixture("phish-link.eml")))
                .contains(
                        new RuleHit(
                                "LINK_TEXT_HOST_MISMATCH",
                                "www.mybank.com -> login-review.example.org"));
    }

    @Test
    void aNewsletterWithTrackedLinksAndAPreviewLineTripsNothing() throws IOException {
        assertThat(rules("newsletter-tracked.eml")).containsExactly("LIST_HEADERS");
    }

    @Test
    void aBrandInTheDisplayNameFromAnotherDomain() throws IOException {
        assertThat(rules("brand-impostor.eml")).contains("FROM_NAME_BRAND");
        assertThat(rules("brand-genuine.eml")).doesNotContain("FROM_NAME_BRAND");
        assertThat(rules("brand-newsletter.eml")).doesNotContain("FROM_NAME_BRAND");
    }

    @Test
    void aDisplayNameClaimingAnotherDomain() throws IOException {
        assertThat(rules("name-spoofs-recipient.eml")).contains("FROM_NAME_SPOOFS_DOMAIN");
        assertThat(rules("name-spoofs-address.eml")).contains("FROM_NAME_SPOOFS_DOMAIN");
        assertThat(rules("name-mentions-domain.eml")).doesNotContain("FROM_NAME_SPOOFS_DOMAIN");
        assertThat(rules("brand-genuine.eml")).doesNotContain("FROM_NAME_SPOOFS_DOMAIN");
    }

    @Test
    void replyToAFreeMailAddressFromACompanyDomain() throws IOException {
        assertThat(rules("replyto-freemail.eml")).contains("REPLY_TO_FREEMAIL");
        assertThat(rules("replyto-same.eml")).doesNotContain("REPLY_TO_FREEMAIL");
    }

    @Test
    void plainAsciiSentBase64() throws IOException {
        assertThat(rules("base64-ascii.eml")).contains("TEXT_BASE64_ONLY");
        assertThat(rules("base64-utf8.eml")).doesNotContain("TEXT_BASE64_ONLY");
    }

    @Test
    void hiddenAndWhiteOnWhiteText() throws IOException {
        assertThat(rules("hidden-text.eml")).contains("HTML_HIDDEN_TEXT", "HTML_ONLY_NO_TEXT");
        assertThat(rules("white-on-white.eml")).contains("HTML_HIDDEN_TEXT");
        assertThat(rules("white-on-dark.eml")).doesNotContain("HTML_HIDDEN_TEXT");
    }

    @Test
    void imagesWithoutText() throws IOException {
        assertThat(rules("image-only.eml")).contains("IMAGE_ONLY", "HTML_ONLY_NO_TEXT");
        assertThat(rules("newsletter-tracked.eml"))
                .doesNotContain("IMAGE_ONLY", "HTML_ONLY_NO_TEXT");
    }

    @Test
    void linksToNumbersShortenersLookAlikesAndAbusedDomains() throws IOException {
        Map<String, String> hits =
                RulesScanner.hits(fixture("urls-bad.eml")).stream()
                        .collect(Collectors.toMap(RuleHit::rule, RuleHit::detail));
        assertThat(hits)
                .containsEntry("URL_NUMERIC_HOST", "198.51.100.23")
                .containsEntry("URL_SHORTENER", "bit.ly")
                .containsEntry("URL_PUNYCODE_HOST", "xn--pypal-4ve.com")
                .containsEntry("URL_USERINFO", "login.example.net")
                .containsEntry("SUSPICIOUS_TLD", "deals-now.click");
        assertThat(rules("urls-fine.eml"))
                .doesNotContain(
                        "URL_NUMERIC_HOST",
                        "URL_SHORTENER",
                        "URL_PUNYCODE_HOST",
                        "URL_USERINFO",
                        "SUSPICIOUS_TLD");
    }

    @Test
    void moneyWithUrgency() throws IOException {
        assertThat(rules("money-urgency.eml")).contains("MONEY_AND_URGENCY");
        assertThat(rules("money-only.eml")).doesNotContain("MONEY_AND_URGENCY");
    }

    @Test
    void aReplyInAThreadButNotAReSubjectAlone() throws IOException {
        assertThat(rules("reply.eml")).contains("REPLY_IN_THREAD");
        assertThat(rules("fake-re.eml")).doesNotContain("REPLY_IN_THREAD");
    }

    @Test
    void attachmentsJudgedByTheirBytes() throws IOException {
        assertThat(rules("attach-pe-as-pdf.eml")).contains("ATTACH_SNIFFED_EXECUTABLE");
        assertThat(rules("attach-zip-as-pdf.eml"))
                .contains("ATTACH_TYPE_MISMATCH")
                .doesNotContain("ATTACH_SNIFFED_EXECUTABLE");
        assertThat(rules("attach-real-pdf.eml"))
                .doesNotContain("ATTACH_TYPE_MISMATCH", "ATTACH_SNIFFED_EXECUTABLE");
        assertThat(rules("attach-docx.eml")).doesNotContain("ATTACH_TYPE_MISMATCH");
        assertThat(rules("attach-html.eml")).contains("ATTACH_HTML");
        assertThat(rules("attach-real-pdf.eml")).doesNotContain("ATTACH_HTML");
        // A program named as one is the attachment scanner's (ATTACHMENT_BLOCKED_EXT), not counted
        // twice.
        assertThat(rules("attach-exe-named.eml"))
                .doesNotContain("ATTACH_SNIFFED_EXECUTABLE", "ATTACH_TYPE_MISMATCH");
    }

    @Test
    void scoresComeFromTheWeightsAndAZeroWeightIsOff() throws IOException {
        MessageUnderScan phish = fixture("phish-link.eml");
        RulesScanner weighted =
                new RulesScanner(RuleWeights.of(Map.of("LINK_TEXT_HOST_MISMATCH", 4.25)));
        assertThat(weighted.scan(phish).reasons())
                .extracting(Reason::rule, Reason::score)
                .contains(org.assertj.core.groups.Tuple.tuple("LINK_TEXT_HOST_MISMATCH", 4.25));
        RulesScanner off = new RulesScanner(RuleWeights.of(Map.of()));
        assertThat(off.scan(phish).reasons()).isEmpty();
    }

    @Test
    void theBundledWeightsScoreEveryRule() throws IOException {
        RuleWeights bundled = RuleWeights.bundled();
        for (String rule :
                List.of(
                        "URL_SHORTENER",
                        "URL_NUMERIC_HOST",
                        "URL_PUNYCODE_HOST",
                        "URL_USERINFO",
                        "LINK_TEXT_HOST_MISMATCH",
                        "SUSPICIOUS_TLD",
                        "FROM_NAME_BRAND",
                        "FROM_NAME_SPOOFS_DOMAIN",
                        "REPLY_TO_FREEMAIL",
                        "HTML_HIDDEN_TEXT",
                        "HTML_ONLY_NO_TEXT",
                        "IMAGE_ONLY",
                        "TEXT_BASE64_ONLY",
                        "MONEY_AND_URGENCY",
                        "ATTACH_SNIFFED_EXECUTABLE",
                        "ATTACH_TYPE_MISMATCH",
                        "ATTACH_HTML")) {
            assertThat(bundled.score(rule)).as(rule).isPositive();
        }
        assertThat(bundled.score("LIST_HEADERS")).isNegative();
        assertThat(bundled.score("REPLY_IN_THREAD")).isNegative();
        assertThat(new RulesScanner().scan(fixture("brand-impostor.eml")).reasons())
                .extracting(Reason::rule)
                .contains("FROM_NAME_BRAND");
    }

    @Test
    void readsTheWeightsFormat() throws IOException {
        String file = "# learned\nURL_SHORTENER = 1.25\nLIST_HEADERS=-0.8\n";
        RuleWeights w =
                RuleWeights.read(
                        new ByteArrayInputStream(file.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(w.score("URL_SHORTENER")).isEqualTo(1.25);
        assertThat(w.score("LIST_HEADERS")).isEqualTo(-0.8);
        assertThat(w.score("IMAGE_ONLY")).isZero();
    }

    /**
     * Huge HTML with 100,000 links, hidden blocks and attributes, 100,000 URLs in text, a 35,000
     * character display name and a Reply-To of 50,000 angle brackets.
     */
    @Test
    void boundedTimeOnAHostileMessage() {
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            html.append("<a href=\"http://h")
                    .append(i)
                    .append(".example.com/\">www.x")
                    .append(i)
                    .append(
                            ".example.org</a><div style=\"display:none\"><span style=\"font-size:0\">w</span>")
                    .append("<font color=white>&amp;&#65;");
            // U+0130 lower-cases to two characters: String.toLowerCase grows quadratically on many.
            text.append("http://")
                    .append(i)
                    .append(".1.2.3/ www.a")
                    .append(i)
                    .append(".xyz \u0130 ");
        }
        html.append("<style>").append("x".repeat(200_000));
        String raw =
                "From: \""
                        + "PayPal ".repeat(5000)
                        + "\" <a@b.example>\r\nReply-To: "
                        + "<".repeat(50_000)
                        + "\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"q\"\r\n\r\n"
                        + "--q\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                        + text
                        + "\r\n"
                        + "--q\r\nContent-Type: text/html\r\n\r\n"
                        + html
                        + "\r\n--q--\r\n";
        MessageUnderScan message = message(raw.getBytes(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(
                Duration.ofSeconds(3),
                () -> {
                    for (int i = 0; i < 3; i++) {
                        assertThat(new RulesScanner().scan(message).reasons()).isNotEmpty();
                    }
                });
    }
}
