package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Real messages from the SpamAssassin public corpus (2002), as received, with LF line ends. */
class CorpusMessagesTest {

    private static final Path CORPUS =
            Path.of(
                    System.getProperty(
                            "filtermx.corpus", "/work/shared/corpus/spamassassin-public.tar.gz"));

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
    void parsesTwoHundredRandomCorpusMessages() throws IOException {
        assumeTrue(Files.isReadable(CORPUS), "corpus not present at " + CORPUS);
        List<byte[]> sample = sample(200, new Random(20020822));

        long start = System.nanoTime();
        List<ParsedMessage> parsed = new ArrayList<>();
        for (byte[] message : sample) {
            parsed.add(parser.parse(message));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(parsed).hasSize(200);
        assertThat(parsed).allSatisfy(p -> assertThat(p.headers()).isNotEmpty());
        assertThat(parsed.stream().filter(p -> p.header("From").isPresent()).count())
                .isGreaterThanOrEqualTo(195);
        assertThat(parsed.stream().filter(p -> !p.textBody().isBlank() || !p.htmlBody().isBlank()))
                .hasSizeGreaterThanOrEqualTo(190);
        assertThat(millis).isLessThan(5000);
    }

    /** Reservoir-samples {@code count} messages in one pass over the compressed corpus. */
    private static List<byte[]> sample(int count, Random random) throws IOException {
        List<byte[]> chosen = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(CORPUS));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            int seen = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                byte[] message = tar.readAllBytes();
                if (chosen.size() < count) {
                    chosen.add(message);
                } else {
                    int slot = random.nextInt(seen + 1);
                    if (slot < count) {
                        chosen.set(slot, message);
                    }
                }
                seen++;
            }
        }
        return chosen;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CorpusMessagesTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
