package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed and hostile input: never an exception, bounded work. */
class ParsedMessageHostileInputTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    /** Everything a FETCH or SEARCH may ask of a message. */
    private static void exercise(ParsedMessage m) {
        m.envelope();
        m.bodyStructure(true);
        m.bodyStructure(false);
        m.section("");
        m.section("HEADER");
        m.section("TEXT");
        m.section("1");
        m.section("1.1.1");
        m.section("2.MIME");
        m.section("HEADER.FIELDS (Subject From)");
        m.headerValues("Subject");
        m.bodyText();
        m.sentDate();
    }

    @Test
    void missingClosingBoundaryRunsTheLastPartToTheEnd() {
        String raw =
                "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n";
        ParsedMessage m = ParsedMessage.parse(bytes(raw));

        assertThat(str(m.section("2"))).isEqualTo("two\r\n");
        assertThat(str(m.bodyStructure(false))).endsWith(" \"MIXED\")");
    }

    @Test
    void unusableMultipartsDegradeToText() {
        ParsedMessage noBoundary =
                ParsedMessage.parse(bytes("Content-Type: multipart/mixed\r\n\r\n--x\r\nhi\r\n"));
        ParsedMessage noDelimiter =
                ParsedMessage.parse(
                        bytes("Content-Type: multipart/mixed; boundary=q\r\n\r\nno parts\r\n"));
        ParsedMessage garbageType = ParsedMessage.parse(bytes("Content-Type: ;;;\"\r\n\r\nx\r\n"));

        for (ParsedMessage m : new ParsedMessage[] {noBoundary, noDelimiter, garbageType}) {
            assertThat(str(m.bodyStructure(false))).startsWith("(\"TEXT\" \"PLAIN\"");
            exercise(m);
        }
    }

    @Test
    void oneMegabyteHeaderLine() {
        String raw = "Subject: " + "s".repeat(1 << 20) + "\r\nTo: a@b\r\n\r\nbody\r\n";
        ParsedMessage m =
                assertTimeoutPreemptively(GENEROUS, () -> ParsedMessage.parse(bytes(raw)));

        assertTimeoutPreemptively(GENEROUS, () -> exercise(m));
        assertThat(m.headerValues("subject").get(0)).hasSize(1 << 20);
        assertThat(str(m.section("HEADER.FIELDS (To)"))).isEqualTo("To: a@b\r\n\r\n");
        assertThat(str(m.envelope())).startsWith("(NIL {1048576}\r\nsss");
    }

    @Test
    void tenThousandNestedMultipartsStopAtTheDepthLimit() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
            sb.append("--b").append(i).append("\r\n");
        }
        sb.append("\r\nleaf\r\n");
        byte[] raw = bytes(sb.toString());
        ParsedMessage m = assertTimeoutPreemptively(GENEROUS, () -> ParsedMessage.parse(raw));
        assertTimeoutPreemptively(GENEROUS, () -> exercise(m));

        String structure = str(m.bodyStructure(false));
        int depth = 0;
        while (depth < structure.length() && structure.charAt(depth) == '(') {
            depth++;
        }
        assertThat(depth).isEqualTo(MimeParser.MAX_DEPTH + 1);
        assertThat(m.section("1.".repeat(MimeParser.MAX_DEPTH + 5) + "1")).isEmpty();
    }

    @Test
    void tenThousandSiblingsStopAtThePartLimit() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=z\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("--z\r\n\r\npart ").append(i).append("\r\n");
        }
        sb.append("--z--\r\n");
        ParsedMessage m =
                assertTimeoutPreemptively(
                        GENEROUS, () -> ParsedMessage.parse(bytes(sb.toString())));

        assertThat(str(m.section("5"))).isEqualTo("part 4");
        assertThat(m.section(String.valueOf(MimeParser.MAX_PARTS + 1))).isEmpty();
        String last = str(m.section(String.valueOf(MimeParser.MAX_PARTS - 1)));
        assertThat(last)
                .startsWith("part " + (MimeParser.MAX_PARTS - 2))
                .endsWith("part 9999\r\n--z--\r\n");
    }

    @Test
    void hostileMegabyteInputsParseFast() {
        String[] seeds = {
            "=?",
            "=?utf-8?q?",
            "=?utf-8?q?a?= ",
            "(((",
            ")",
            "\"",
            "<",
            ">",
            "\r\n--a\r\n",
            ":",
            ";",
            ",",
            "\n ",
            "@",
            "a@b:",
            "[",
            "\\",
            "?=",
            "; a=",
            "(a\\",
            "\r\n\r\n--a\r\n\r\n",
            "--a--",
            "Content-Type: message/rfc822\r\n\r\n",
            "=0",
            "\r"
        };
        for (String seed : seeds) {
            String field = seed.repeat((128 * 1024) / seed.length());
            StringBuilder sb =
                    new StringBuilder(
                            "Subject: "
                                    + field
                                    + "\r\nTo: "
                                    + field
                                    + "\r\nDate: "
                                    + field
                                    + "\r\nContent-Type: multipart/mixed; boundary=a; x="
                                    + field
                                    + "\r\nContent-Disposition: inline; x="
                                    + field
                                    + "\r\nContent-Language: "
                                    + field
                                    + "\r\n\r\n");
            while (sb.length() < (1 << 20)) {
                sb.append(seed);
            }
            byte[] raw = bytes(sb.toString());
            assertTimeoutPreemptively(
                    GENEROUS, () -> exercise(ParsedMessage.parse(raw)), () -> "seed " + seed);
        }
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(16);
        byte[] alphabet = bytes("\r\n\t :;=?-\"()<>@,\\abB0-Content-Type/multipart;boundary");
        for (int round = 0; round < 200; round++) {
            byte[] raw = new byte[random.nextInt(4000)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] =
                        random.nextInt(4) == 0
                                ? (byte) random.nextInt(256)
                                : alphabet[random.nextInt(alphabet.length)];
            }
            exercise(ParsedMessage.parse(raw, false));
            ParsedMessage.parse(raw).envelope();
        }
        exercise(ParsedMessage.parse(new byte[0], false));
        exercise(ParsedMessage.parse(null, false));
    }
}
