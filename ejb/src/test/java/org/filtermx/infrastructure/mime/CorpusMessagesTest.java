package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.testmail.SyntheticMail;
import org.junit.jupiter.api.Test;

/**
 * Messages as received: three from the SpamAssassin public corpus (2002, with LF line ends,
 * committed beside this test) and 200 generated ones ({@link SyntheticMail}) of every MIME shape.
 */
class CorpusMessagesTest {

    private final MimeMessageParser parser = MimeMessageParser.withDefaults();

    @Test
    void readsAHamMessageWithAnInternetShortcutAttachment() throws IOException {
        ParsedMessage parsed = parser.parse(resource("ham-url-attachment.eml"));

        assertThat(parsed.header("From")).contains("\"Geege Schuman\" <geege@barrera.org>");
        assertThat(parsed.header("Content-Type"))
                .contains(
                        "multipart/mixed;   "
                                + " boundary=\"----=_NextPart_000_0005_01C26412.7545C1D0\"");
        assertThat(parsed.headers("Received")).hasSize(6);
        assertThat(parsed.textBody()).startsWith("liberalism\npropagandized as meddling");
        assertThat(parsed.attachments())
                .extracting(Attachment::filename, Attachment::contentType)
                .containsExactly(tuple("Liberalism in America.url", "application/octet-stream"));
        assertThat(parsed.partCount()).isEqualTo(3);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void decodesBig5EncodedWordsOfASpamWithAnHtmlBody() throws IOException {
        ParsedMessage parsed = parser.parse(resource("spam-big5-html.eml"));

        String subject = parsed.header("Subject").orElseThrow();
        assertThat(subject).isEqualTo("=?Big5?B?rEKq96SjrE5+fqdPtsykRn5+?=");
        assertThat(MimeMessageParser.decodeHeader(subject))
                .doesNotContain("=?")
                .matches(s -> s.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF));
        assertThat(parsed.htmlBody()).contains("<iframe");
        assertThat(parsed.textBody()).isEmpty();
    }

    @Test
    void decodesTheBase64TextOfASpam() throws IOException {
        ParsedMessage parsed = parser.parse(resource("spam-base64-text.eml"));

        assertThat(parsed.textBody())
                .contains("From the privacy of your home")
                .contains("http://www.quickrxmeds.com/main2.php?rx=16356");
        assertThat(parsed.attachments()).isEmpty();
    }

    @Test
    void parsesTwoHundredGeneratedMessagesToWhatWasPutInThem() {
        List<SyntheticMail.Mail> sample = new SyntheticMail(20020822).mixed(200);

        long start = System.nanoTime();
        List<ParsedMessage> parsed = new ArrayList<>();
        for (SyntheticMail.Mail mail : sample) {
            parsed.add(parser.parse(mail.bytes()));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(parsed).hasSize(200);
        for (int i = 0; i < sample.size(); i++) {
            SyntheticMail.Mail mail = sample.get(i);
            ParsedMessage p = parsed.get(i);
            assertThat(p.header("From"))
                    .as(mail.text())
                    .hasValueSatisfying(f -> assertThat(f).contains(mail.from()));
            assertThat(p.textBody().replace("\r\n", "\n").replace('\n', ' '))
                    .as(mail.text())
                    .contains(mail.bodyPhrase());
            assertThat(p.attachments())
                    .extracting(Attachment::filename)
                    .as(mail.text())
                    .containsExactlyElementsOf(mail.attachments());
            assertThat(p.problems()).as(mail.text()).isEmpty();
        }
        assertThat(sample).extracting(SyntheticMail.Mail::spam).contains(true, false);
        assertThat(sample.stream().filter(m -> !m.attachments().isEmpty())).hasSizeGreaterThan(20);
        assertThat(parsed.stream().filter(p -> !p.htmlBody().isBlank())).hasSizeGreaterThan(10);
        assertThat(millis).isLessThan(5000);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CorpusMessagesTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
