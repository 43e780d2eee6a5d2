package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer();

    private Set<String> tokens(String message) {
        return tokenizer.tokenize(TestMessages.parse(message));
    }

    @Test
    void prefixesSubjectWordsAndLowerCasesThem() {
        assertThat(tokens("Subject: Cheap Watches for YOU\n\nbody text\n"))
                .contains("subject:cheap", "subject:watches", "subject:for", "subject:you")
                .doesNotContain("cheap", "subject:Cheap");
    }

    @Test
    void flagsSubjectWrittenInCapitals() {
        assertThat(tokens("Subject: FREE MONEY NOW\n\nx\n")).contains("subject:allcaps");
        assertThat(tokens("Subject: Free money now\n\nx\n")).doesNotContain("subject:allcaps");
    }

    @Test
    void tokenizesSenderAddressDomainParentsAndDisplayName() {
        assertThat(tokens("From: \"Jane Doe\" <Jane@Mail.Example.COM>\n\nhello there\n"))
                .contains(
                        "from:addr:jane@mail.example.com",
                        "from:domain:mail.example.com",
                        "from:domain:example.com",
                        "from:name:jane",
                        "from:name:doe");
    }

    @Test
    void tokenizesRecipientsAndReplyTo() {
        assertThat(
                        tokens(
                                "To: a@customer.test, b@customer.test\n"
                                        + "Reply-To: <drop@elsewhere.test>\n\nhi all\n"))
                .contains("to:count:2", "reply-to:domain:elsewhere.test", "reply-to:other-domain")
                .noneMatch(t -> t.startsWith("to:") && t.contains("customer"));
    }

    @Test
    void notesMissingMessageIdAndMailerAndPresentHeaderNames() {
        assertThat(tokens("From: a@b.test\nX-Custom-Thing: 1\n\nbody\n"))
                .contains(
                        "message-id:absent",
                        "x-mailer:absent",
                        "header:date:absent",
                        "header:x-custom-thing",
                        "header:from");
    }

    @Test
    void tokenizesMessageIdHostAndMailerWords() {
        assertThat(
                        tokens(
                                "Message-ID: <123.abc@mx.sender.test>\n"
                                        + "X-Mailer: Microsoft Outlook Express 6.00\n\nbody\n"))
                .contains(
                        "message-id:other-domain",
                        "x-mailer:microsoft",
                        "x-mailer:outlook",
                        "x-mailer:name:microsoft outlook express")
                .doesNotContain("message-id:absent")
                .noneMatch(t -> t.startsWith("message-id:") && t.contains("sender.test"));
    }

    @Test
    void ignoresTransitFieldsAndOtherFiltersVerdicts() {
        assertThat(
                        tokens(
                                "Received: from relay.collector.test by mx\n"
                                        + "Delivered-To: me@collector.test\n"
                                        + "Delivery-Date: Mon, 2 Sep 2002 13:00:00 +0100\n"
                                        + "X-Spam-Status: No, hits=-5\n\nbody\n"))
                .noneMatch(
                        t ->
                                t.contains("collector")
                                        || t.contains("x-spam")
                                        || t.contains("received")
                                        || t.contains("delivery-date"));
    }

    @Test
    void keepsTypeAndCharsetOfTheMessage() {
        assertThat(tokens("Content-Type: text/plain; charset=\"ISO-8859-1\"\n\nbody\n"))
                .contains("content-type:text/plain", "charset:iso-8859-1");
    }

    @Test
    void keepsBodyWordsOfThreeToTwentyCharactersWithSignalPunctuation() {
        assertThat(tokens("\nWe offer $100 FREE! (today), ok? a to\n"))
                .contains("offer", "$100", "free!", "today")
                .doesNotContain("ok", "a", "to", "(today),");
    }

    @Test
    void pairsAdjacentWordsIntoBigrams() {
        assertThat(tokens("\nPlease click here to unsubscribe\n"))
                .contains("bi:please click", "bi:click here")
                .doesNotContain("bi:here to", "bi:here unsubscribe");
        assertThat(tokens("Subject: Hot stock tip\n\nx\n")).contains("subject:bi:hot stock");
    }

    @Test
    void summarizesLongWordsNumbersAndNonLatinRuns() {
        assertThat(
                        tokens(
                                "\n"
                                        + "abcdefghijklmnopqrstuvwxyzabcdef 1,234,567"
                                        + " \u4e2d\u6587\u5b57 caf\u00e9\n"))
                .contains("skip:a30", "num:7", "8bit:han", "cafe");
    }

    @Test
    void turnsWebAddressesIntoHostAndPathTokens() {
        assertThat(tokens("\nVisit http://www.shop.example.com:8080/special/offer.html now\n"))
                .contains(
                        "url:scheme:http",
                        "url:host:www.shop.example.com",
                        "url:host:example.com",
                        "url:port",
                        "url:special",
                        "url:offer")
                .doesNotContain("visit http://www.shop.example.com:8080/special/offer.html");
    }

    @Test
    void flagsNumericHostsAndUserinfoInLinks() {
        assertThat(tokens("\nhttp://paypal.com@10.1.2.3/login\n"))
                .contains("url:userinfo", "url:host:ip", "url:login");
    }

    @Test
    void readsHtmlAsShownAndRecordsHowItWasBuilt() {
        Set<String> tokens =
                tokens(
                        "Content-Type: text/html\n\n"
                                + "<html><body><font color=red>Fr<b></b>ee</font> v&#105;agra"
                                + "<!-- hidden --> <img src=\"http://img.spam.test/a.gif\">"
                                + "<a href='https://click.spam.test/go?id=1'>here</a>"
                                + "<script>var secretword = 1;</script></body></html>\n");
        assertThat(tokens)
                .contains(
                        "free",
                        "viagra",
                        "here",
                        "html:font",
                        "html:img",
                        "html:a",
                        "html:comment",
                        "html:only",
                        "url:host:img.spam.test",
                        "url:host:click.spam.test")
                .doesNotContain("secretword", "color=red>fr<b></b>ee</font>");
    }

    @Test
    void leavesOutElementsEveryHtmlDocumentHas() {
        assertThat(
                        tokens(
                                "Content-Type: text/html\n\n"
                                        + "<html><body><p>Hello<br>there</p></body></html>\n"))
                .contains("hello", "there")
                .doesNotContain("html:html", "html:body", "html:p", "html:br");
    }

    @Test
    void readsMarkupInPlainTextAsHtml() {
        assertThat(tokens("\nOrder <b>now</b> <a href=\"http://shop.test/x\">here</a>\n"))
                .contains("now", "here", "html:b", "url:host:shop.test")
                .doesNotContain("<b>now</b>");
        assertThat(tokens("\nWrite to <alice@example.test> today\n"))
                .contains("email:addr:alice@example.test");
    }

    @Test
    void tokenizesAttachmentTypesAndExtensions() {
        Attachment a =
                new Attachment(
                        "Invoice.PDF.exe", "application/octet-stream", 3, new byte[3], false);
        assertThat(tokenizer.tokenize(TestMessages.parse("Subject: x\n\nsee file\n", List.of(a))))
                .contains(
                        "attach:type:application/octet-stream",
                        "attach:ext:exe",
                        "attach:name:invoice");
    }

    @Test
    void capsTokensPerMessage() {
        StringBuilder body = new StringBuilder("\n");
        for (int i = 0; i < 10_000; i++) {
            body.append("word").append(Integer.toString(i, 36)).append("x ");
        }
        assertThat(new Tokenizer(100).tokenize(TestMessages.parse(body.toString()))).hasSize(100);
        assertThat(tokenizer.tokenize(TestMessages.parse(body.toString())))
                .hasSize(Tokenizer.DEFAULT_MAX_TOKENS);
    }

    @Test
    void marksAnEmptyBody() {
        assertThat(tokens("Subject: hi\n\n")).contains("body:empty");
    }

    /**
     * A word of 150,000 U+0130 (lower case: two characters each) in the subject and the body:
     * Java's own lower-casing grew its result once per character and took seconds per word.
     */
    @Test
    void aLongWordOfDottedCapitalsIsReadInLinearTime() {
        String word = "\u0130".repeat(150_000);
        String message =
                "Subject: " + word + "\nContent-Type: text/plain; charset=utf-8\n\n" + word + "\n";

        Set<String> tokens =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> tokens(message));

        assertThat(tokens).isNotEmpty();
    }
}
