package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.junit.jupiter.api.Test;

/**
 * The tokens meant to carry over to mail from another site and time: folded word forms, the
 * sender's header habits without the receiving site's, the shape of links, HTML obfuscation, the
 * text's script and mail that is only images or attachments.
 */
class GeneralizingTokensTest {

    private final Tokenizer tokenizer = new Tokenizer();

    private Set<String> tokens(String message) {
        return tokenizer.tokenize(TestMessages.parse(message));
    }

    @Test
    void foldsAccentsAndRepeatedSignalPunctuation() {
        assertThat(tokens("\nVisit our Caf\u00e9 for FREE!!! coffee\n"))
                .contains("cafe", "free!", "free", "coffee", "bi:our cafe")
                .doesNotContain("caf\u00e9", "free!!!");
    }

    @Test
    void countsIdentifiersByTheirShapeOnly() {
        assertThat(tokens("\nYour order a8f3k2x91b ships with code 7731ZX99\n"))
                .contains("order", "ships", "mixed:8")
                .doesNotContain("a8f3k2x91b", "7731zx99");
        assertThat(tokens("\nThe mp3 player and win2000\n")).contains("mp3", "win2000");
    }

    @Test
    void flagsTextMostlyInCapitals() {
        String shouting = "BUY NOW AND SAVE BIG ON EVERY ORDER TODAY ".repeat(3);
        assertThat(tokens("\n" + shouting + "\n")).contains("text:shouting");
        assertThat(tokens("\n" + shouting.toLowerCase() + "\n")).doesNotContain("text:shouting");
    }

    @Test
    void describesRecipientsByShapeNeverByName() {
        assertThat(tokens("From: me@bulk.test\nTo: undisclosed-recipients:;\n\nhi\n"))
                .contains("to:count:0", "to:undisclosed");
        assertThat(tokens("From: Deals <me@bulk.test>\nTo: ME@bulk.test\n\nhi\n"))
                .contains("to:count:1", "to:from-self");
        assertThat(
                        tokens(
                                "From: a@sender.test\n"
                                        + "To: x@site.test, y@site.test, z@site.test\n"
                                        + "Cc: \"Bob Smith\" <w@site.test>\n\nhi\n"))
                .contains("to:count:3-5")
                .noneMatch(t -> t.contains("site.test") || t.contains("bob"));
    }

    @Test
    void usesTheRegisteredDomainOfTheSenderAndTheMessageIdsRelationToIt() {
        assertThat(
                        tokens(
                                "From: a@mail.example.co.uk\n"
                                        + "Message-ID: <1.2@smtp.example.co.uk>\n\nhi\n"))
                .contains(
                        "from:domain:mail.example.co.uk",
                        "from:domain:example.co.uk",
                        "from:domain:tld:uk",
                        "message-id:from-domain")
                .doesNotContain("from:domain:co.uk");
        assertThat(tokens("From: a@sender.test\nMessage-ID: <1@10.0.0.1>\n\nhi\n"))
                .contains("message-id:ip");
        assertThat(tokens("From: a@sender.test\nMessage-ID: <12345>\n\nhi\n"))
                .contains("message-id:nohost");
    }

    @Test
    void leavesOutListAndSiteFields() {
        assertThat(
                        tokens(
                                "From: a@sender.test\n"
                                        + "List-Id: <team.collector.test>\n"
                                        + "List-Unsubscribe: <mailto:leave@collector.test>\n"
                                        + "Sender: team-admin@collector.test\n"
                                        + "Precedence: bulk\n"
                                        + "X-BeenThere: team@collector.test\n"
                                        + "X-Mailman-Version: 2.0.11\n"
                                        + "X-Priority: 3\n\nhi\n"))
                .contains("header:from", "header:x-priority")
                .noneMatch(
                        t ->
                                t.contains("collector")
                                        || t.startsWith("header:list-")
                                        || t.equals("header:sender")
                                        || t.equals("header:precedence")
                                        || t.equals("header:x-beenthere")
                                        || t.equals("header:x-mailman-version"));
    }

    @Test
    void describesTheShapeOfLinks() {
        assertThat(tokens("\nSee http://deals.example.com/a/b/c?utm_source=x&id=2 now\n"))
                .contains(
                        "url:host:example.com",
                        "url:host:tld:com",
                        "url:depth:3",
                        "url:query",
                        "url:tracking")
                .doesNotContain("url:random-segment", "url:bare");
        assertThat(tokens("\nGo http://x.test/r/a8Kd93mZq02LxP7w4 now\n"))
                .contains("url:random-segment", "url:depth:2");
        assertThat(tokens("\nGo http://x.test now\n")).contains("url:bare");
    }

    @Test
    void notesHiddenTextTinyFontsAndLinksNamingAnotherHost() {
        Set<String> tokens =
                tokens(
                        "Content-Type: text/html\n\n"
                                + "<p>Your account needs attention, please confirm it today.</p>"
                                + "<div style=\"display: none\">lorem ipsum</div>"
                                + "<font size=1>small print</font>"
                                + "<a href=\"http://login.evil.test/x\">https://www.bank.example.com/</a>"
                                + "<a href=\"http://www.shop.test/y\">www.shop.test</a>\n");
        assertThat(tokens).contains("html:invisible", "html:tiny-font", "html:link-other-host");
        assertThat(
                        tokens(
                                "Content-Type: text/html\n\n"
                                        + "<a href=\"http://www.shop.example.net/y\">"
                                        + "www.shop.example.net</a>"
                                        + "<a href=\"http://shop.example.net/z\">"
                                        + "http://img.shop.example.net</a>"
                                        + "<font size=3 color=\"#000000\">normal</font>\n"))
                .doesNotContain("html:link-other-host", "html:invisible", "html:tiny-font");
    }

    @Test
    void notesImagesWithLittleText() {
        assertThat(
                        tokens(
                                "Content-Type: text/html\n\n"
                                        + "<a href=\"http://x.test/\"><img src=\"http://x.test/1.gif\"></a>"
                                        + "<img src=\"http://x.test/2.gif\">\n"))
                .contains("html:images:2-3", "html:images-little-text");
        String text = "A long letter to a friend about the garden and the weather. ".repeat(5);
        assertThat(
                        tokens(
                                "Content-Type: text/html\n\n<p>"
                                        + text
                                        + "</p><img src=\"http://x.test/1.gif\">\n"))
                .contains("html:images:1")
                .doesNotContain("html:images-little-text");
    }

    @Test
    void namesTheScriptOfTheText() {
        assertThat(tokens("\nHello there, friend\n")).contains("text:script:latin");
        assertThat(tokens("\n\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440\n"))
                .contains("text:script:cyrillic")
                .doesNotContain("text:script:mixed");
        assertThat(tokens("\nPay\u0440\u0430l \u0430\u0441\u0441ount\n"))
                .contains("text:script:mixed");
    }

    @Test
    void marksMailThatIsOnlyImagesOrOnlyAttachments() {
        Attachment gif = new Attachment("a.gif", "image/gif", 3, new byte[3], false);
        Attachment zip = new Attachment("a.zip", "application/zip", 3, new byte[3], false);
        assertThat(tokenizer.tokenize(TestMessages.parse("Subject: hi\n\n\n", List.of(gif))))
                .contains("body:images-only");
        assertThat(tokenizer.tokenize(TestMessages.parse("Subject: hi\n\nsee\n", List.of(zip))))
                .contains("body:attachments-only");
        assertThat(
                        tokenizer.tokenize(
                                TestMessages.parse(
                                        "Subject: hi\n\n"
                                                + "Here are the holiday photos I promised you."
                                                + " Tell me which ones you like best.\n",
                                        List.of(gif))))
                .doesNotContain("body:images-only", "body:attachments-only");
    }
}
