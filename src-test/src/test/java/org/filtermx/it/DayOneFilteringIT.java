package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * A new installation, with nothing trained, filters on its first day: obvious phishing and spam (a
 * brand's name over a link that leads elsewhere, an HTML attachment lure, hidden text, a shortened
 * link with a prize and a deadline) is held, with the training-free rules named among its reasons,
 * while a newsletter, an order confirmation and a personal reply are delivered.
 *
 * <p>Only the built-in scanners judge here: the test domains switch the external engines off, so
 * what holds the mail is FilterMX's own. The same spam to a domain that also switches the {@code
 * rules} scanner off is delivered, which shows the holds come from the rules. DNS goes to a port
 * where nothing answers (see {@code scripts/it-env.sh}); no rule here needs it. The messages are
 * under {@code src/test/resources/day-one/}.
 */
@GatewayTest
@RunAsClient
class DayOneFilteringIT {

    private static final String EXTERNAL = "\"rspamd\",\"spamassassin\",\"clamav\",\"dnsbl\"";

    /** Each spam fixture with the rules that must be among its reasons. */
    private static final Map<String, List<String>> SPAM =
            Map.of(
                    "spam-brand-phish.eml", List.of("FROM_NAME_BRAND", "LINK_TEXT_HOST_MISMATCH"),
                    "spam-html-lure.eml", List.of("ATTACH_HTML", "REPLY_TO_FREEMAIL"),
                    "spam-hidden-text.eml", List.of("HTML_HIDDEN_TEXT", "URL_NUMERIC_HOST"),
                    "spam-shortener-money.eml", List.of("URL_SHORTENER", "MONEY_AND_URGENCY"));

    private static final List<String> HAM =
            List.of("ham-newsletter.eml", "ham-order-confirmation.eml", "ham-personal.eml");

    private final Api api = Gateway.admin();

    @Test
    void holdsObviousSpamWithTheRulesAsReasons() throws Exception {
        for (Map.Entry<String, List<String>> spam : SPAM.entrySet()) {
            try (SmtpSink sink = SmtpSink.start()) {
                String domain = freshDomain("dayone", sink, "");
                String reply = send(domain, spam.getKey());
                assertThat(reply).as(spam.getKey()).startsWith("250 2.0.0");
                List<Map<String, Object>> log =
                        api.awaitLog(
                                Api.allWithStatus(1, "QUARANTINED"),
                                Duration.ofSeconds(20),
                                "domain",
                                domain);
                assertThat(log)
                        .as(spam.getKey() + " is held")
                        .singleElement()
                        .satisfies(e -> assertThat(e).containsEntry("status", "QUARANTINED"));
                String reasons = (String) log.get(0).get("reasons");
                for (String rule : spam.getValue()) {
                    assertThat(reasons).as(spam.getKey()).contains(rule);
                }
                List<Map<String, Object>> held =
                        api.get("/quarantine?domain=" + domain).jsonArray();
                assertThat(held).as(spam.getKey()).hasSize(1);
                assertThat((String) held.get(0).get("reasons")).contains(spam.getValue().get(0));
                assertThat(sink.messagesAfter(Duration.ofMillis(500))).as(spam.getKey()).isEmpty();
            }
        }
    }

    @Test
    void deliversNewslettersAndPersonalMail() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = freshDomain("dayham", sink, "");
            for (String ham : HAM) {
                assertThat(send(domain, ham)).as(ham).startsWith("250 2.0.0");
            }
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(HAM.size(), "DELIVERED"),
                            Duration.ofSeconds(30),
                            "domain",
                            domain);
            assertThat(log)
                    .hasSize(HAM.size())
                    .allSatisfy(e -> assertThat(e).containsEntry("status", "DELIVERED"));
            assertThat(sink.awaitMessages(HAM.size(), Duration.ofSeconds(20))).hasSize(HAM.size());
            assertThat(api.get("/quarantine?domain=" + domain).jsonArray()).isEmpty();
        }
    }

    /** Without the rules scanner the same spam passes: the holds above are the rules' doing. */
    @Test
    void withoutTheRulesTheSameSpamIsDelivered() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = freshDomain("norules", sink, ",\"rules\"");
            for (String spam : SPAM.keySet()) {
                assertThat(send(domain, spam)).as(spam).startsWith("250 2.0.0");
            }
            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(SPAM.size(), "DELIVERED"),
                            Duration.ofSeconds(30),
                            "domain",
                            domain);
            assertThat(log)
                    .hasSize(SPAM.size())
                    .allSatisfy(e -> assertThat(e).containsEntry("status", "DELIVERED"));
        }
    }

    /** A new domain judged by the built-in scanners only, held rather than refused. */
    private String freshDomain(String prefix, SmtpSink sink, String moreDisabled) throws Exception {
        String domain = Gateway.uniqueDomain(prefix);
        api.addDomain(domain, sink.port());
        assertThat(
                        api.put(
                                        "/domains/" + domain + "/filter-policy",
                                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0,\"disabledScanners\":["
                                                + EXTERNAL
                                                + moreDisabled
                                                + "]}")
                                .status())
                .isEqualTo(200);
        return domain;
    }

    private static String send(String domain, String fixture) throws Exception {
        String to = "bob@" + domain;
        String content =
                fixture(fixture)
                        .replace("{{TO}}", to)
                        .replace(
                                "{{DATE}}",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
                        .replace(
                                "{{MSGID}}", fixture.replace(".eml", "") + "." + System.nanoTime());
        String from = content.substring(content.indexOf('<') + 1, content.indexOf('>'));
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            return smtp.transaction(from, List.of(to), content);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DayOneFilteringIT.class.getResourceAsStream("/day-one/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
