package org.filtermx.application.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispositionLineTest {

    @Test
    void aDeliveryIsOneLineOfKeysInAFixedOrder() {
        DispositionLine line =
                new DispositionLine(
                        "Q1",
                        "s@a.example",
                        "r@b.example",
                        "b.example",
                        Disposition.SENT,
                        "mx.b.example:25",
                        "250 2.0.0 Ok: queued as X",
                        Duration.ofMillis(1234));

        assertThat(line.text())
                .isEqualTo(
                        "queue_id=Q1 from=<s@a.example> to=<r@b.example> domain=b.example"
                                + " status=sent relay=mx.b.example:25 dsn=2.0.0 delay=1.23"
                                + " reply=\"250 2.0.0 Ok: queued as X\"");
    }

    @Test
    void theNullSenderAndAMissingRelayAndDelayAreWrittenAsSuch() {
        DispositionLine line =
                new DispositionLine("Q2", "", "r@b", "b", Disposition.REJECTED, null, null, null);

        assertThat(line.text())
                .isEqualTo(
                        "queue_id=Q2 from=<> to=<r@b> domain=b status=rejected relay=none"
                                + " dsn=5.0.0 reply=\"\"");
    }

    @Test
    void aHostileValueCannotStartALineOrFakeAKey() {
        String hostile = "x@y\r\nqueue_id=FAKE status=sent \"quoted\" back\\slash\u2028\u0085";
        DispositionLine line =
                new DispositionLine(
                        "Q3", hostile, "r@b", "b", Disposition.BOUNCED, null, hostile, null);

        String text = line.text();
        assertThat(text).doesNotContain("\r", "\n", "\u2028", "\u0085");
        assertThat(text)
                .startsWith(
                        "queue_id=Q3 from=\"<x@yqueue_id=FAKE status=sent \\\"quoted\\\""
                                + " back\\\\slash>\" to=<r@b>");
        // Exactly one unquoted status key: the fake one is inside a quoted value.
        assertThat(unquotedKeys(text))
                .containsExactly(
                        "queue_id", "from", "to", "domain", "status", "relay", "dsn", "reply");
    }

    @Test
    void longValuesAreCutBeforeTheyAreWritten() {
        String longReply = "550 5.1.1 " + "a".repeat(10_000);
        String text =
                new DispositionLine(
                                "Q4",
                                "s@a",
                                "r@b",
                                "b",
                                Disposition.BOUNCED,
                                "mx:25",
                                longReply,
                                null)
                        .text();

        assertThat(text).endsWith("a...\"").contains(" dsn=5.1.1 ");
        assertThat(text.length()).isLessThan(DispositionLine.MAX_VALUE + 120);
    }

    @Test
    void plainValuesStayBareAndOthersAreQuoted() {
        assertThat(DispositionLine.value("mx.example:25")).isEqualTo("mx.example:25");
        assertThat(DispositionLine.value("a b")).isEqualTo("\"a b\"");
        assertThat(DispositionLine.value("k=v")).isEqualTo("\"k=v\"");
        assertThat(DispositionLine.value("ü@example")).isEqualTo("\"ü@example\"");
        assertThat(DispositionLine.value("\u0001")).isEqualTo("\"\"");
        assertThat(DispositionLine.value(null)).isEqualTo("\"\"");
    }

    @Test
    void theEnhancedStatusCodeComesFromTheReplyOrTheStatus() {
        assertThat(DispositionLine.dsn("550 5.1.1 No such user", Disposition.BOUNCED))
                .isEqualTo("5.1.1");
        assertThat(DispositionLine.dsn("451-4.7.1 Try later", Disposition.DEFERRED))
                .isEqualTo("4.7.1");
        assertThat(DispositionLine.dsn("250 2.0.0", Disposition.SENT)).isEqualTo("2.0.0");
        assertThat(DispositionLine.dsn("550 5.1.10 x", Disposition.BOUNCED)).isEqualTo("5.1.10");
        assertThat(DispositionLine.dsn("550 No such user", Disposition.BOUNCED)).isEqualTo("5.0.0");
        assertThat(DispositionLine.dsn("550 5.1.1234 x", Disposition.BOUNCED)).isEqualTo("5.0.0");
        assertThat(DispositionLine.dsn("550 5.1.1x", Disposition.BOUNCED)).isEqualTo("5.0.0");
        assertThat(DispositionLine.dsn("connect to mx:25: refused", Disposition.DEFERRED))
                .isEqualTo("4.0.0");
        assertThat(DispositionLine.dsn(null, Disposition.HELD)).isEqualTo("2.0.0");
    }

    /** The keys outside quoted values, read the way a log parser reads the line. */
    private static List<String> unquotedKeys(String line) {
        List<String> keys = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            keys.add(line.substring(i, eq));
            i = eq + 1;
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    i += line.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    i++;
                }
            }
            i++;
        }
        return keys;
    }
}
