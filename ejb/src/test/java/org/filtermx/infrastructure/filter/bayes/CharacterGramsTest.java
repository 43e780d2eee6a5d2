package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CharacterGramsTest {

    private final CharacterGrams grams = new CharacterGrams();

    @Test
    void takesEachDistinctFourByteWindowOnceInAscendingOrder() {
        long[] keys = grams.of("abcdabcd");

        // abcd, bcda, cdab, dabc, abcd: abcd occurs twice.
        assertThat(keys).containsExactly(0x61626364L, 0x62636461L, 0x63646162L, 0x64616263L);
    }

    @Test
    void hasNoFeaturesForTextShorterThanAWindow() {
        assertThat(grams.of("abc")).isEmpty();
    }

    @Test
    void readsOnlyTheFirstBytes() {
        CharacterGrams short8 = new CharacterGrams(8);

        assertThat(short8.of("aaaaaaaazzzz")).containsExactly(0x61616161L);
    }

    @Test
    void refusesALimitBelowOneWindow() {
        assertThatThrownBy(() -> new CharacterGrams(3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheSendersFieldsAndTheTextAsShownButNotThePathOrIdentifiers() {
        String text =
                CharacterGrams.text(
                        TestMessages.parse(
                                "Received: from relay.test by mx.test\n"
                                        + "Message-ID: <42@sender.test>\n"
                                        + "Date: Tue, 1 Oct 2002 10:00:00 +0000\n"
                                        + "X-Spam-Status: No\n"
                                        + "Subject: Hello   there\n"
                                        + "Content-Type: text/html\n\n"
                                        + "<p>fr<b></b>ee &amp;\n\n offer</p>"));

        assertThat(text).contains("Subject: Hello there").contains("free & offer");
        assertThat(text).doesNotContain("relay.test", "42@sender.test", "Oct 2002", "X-Spam");
    }

    @Test
    void aMessageDiffersOnlyByItsPathHasTheSameFeatures() {
        String body = "Subject: Meeting\n\nSee you at ten.\n";

        assertThat(grams.of(TestMessages.parse("Received: from a.test\n" + body)))
                .containsExactly(grams.of(TestMessages.parse("Received: from b.test\n" + body)));
    }

    @Test
    void leavesOutTheRecipientsAndWhatAListOrTheReceivingSiteAdded() {
        String text =
                CharacterGrams.text(
                        TestMessages.parse(
                                "From: Jane <jane@sender.test>\n"
                                        + "To: staff@collector.test\n"
                                        + "Cc: boss@collector.test\n"
                                        + "List-Id: <team.lists.collector.test>\n"
                                        + "Sender: team-admin@collector.test\n"
                                        + "X-BeenThere: team@collector.test\n"
                                        + "Precedence: bulk\n"
                                        + "Subject: Lunch\n\nAt noon.\n"));

        assertThat(text).contains("jane@sender.test", "Subject: Lunch", "At noon.");
        assertThat(text).doesNotContain("collector", "Precedence");
    }

    /** The radix sort orders as an unsigned comparison sort would, bytes above 0x7f included. */
    @Test
    void sortsAsAnUnsignedComparisonSortWould() {
        Random random = new Random(18);
        for (int round = 0; round < 2_000; round++) {
            int[] keys = new int[1 + random.nextInt(round % 10 == 0 ? 4000 : 40)];
            int bits = random.nextInt(4);
            for (int i = 0; i < keys.length; i++) {
                // Few distinct values in some rounds, so that runs and skipped passes occur.
                keys[i] = bits == 0 ? random.nextInt(3) << 24 : random.nextInt();
            }
            long[] expected = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                expected[i] = keys[i] & 0xFFFF_FFFFL;
            }
            Arrays.sort(expected);

            int[] sorted = CharacterGrams.sortedUnsigned(keys.clone());

            long[] actual = new long[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                actual[i] = sorted[i] & 0xFFFF_FFFFL;
            }
            assertThat(actual).containsExactly(expected);
        }
    }

    @Test
    void keysOfTextOutsideAsciiAreUnsignedAndAscending() {
        long[] keys = grams.of("\u00e9t\u00e9 \u00fcber \u4e2d\u6587 zzzz");

        assertThat(keys).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(keys)).allMatch(k -> k >= 0 && k <= 0xFFFF_FFFFL);
        assertThat(keys).contains(0xC3A974C3L); // \u00e9 t \u00e9: bytes C3 A9 74 C3
    }
}
