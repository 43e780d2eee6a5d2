package org.filtermx.infrastructure.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void decodesQAndBWordsAndDropsSpaceBetweenAdjacentWords() {
        assertThat(EncodedWords.decode("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Bern"))
                .isEqualTo("Grüße aus Bern");
        assertThat(EncodedWords.decode("=?utf-8?b?R3LDvMOfZQ==?=  =?ISO-8859-1?q?_aus?="))
                .isEqualTo("Grüße aus");
        assertThat(EncodedWords.decode("a =?us-ascii*en?q?b?= c")).isEqualTo("a b c");
    }

    @Test
    void leavesWhatIsNotAnEncodedWordAsItWas() {
        assertThat(EncodedWords.decode("=?utf-8?x?abc?=")).isEqualTo("=?utf-8?x?abc?=");
        assertThat(EncodedWords.decode("=?utf-8?q?open")).isEqualTo("=?utf-8?q?open");
        assertThat(EncodedWords.decode("price =? 5")).isEqualTo("price =? 5");
        assertThat(EncodedWords.decode(null)).isEmpty();
    }

    @Test
    void readsUnknownCharsetsAsLatin1() {
        assertThat(EncodedWords.decode("=?x-nonsense?q?caf=E9?=")).isEqualTo("café");
    }

    @Test
    void decodesHostileSequencesInLinearTime() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertThat(EncodedWords.decode("=?".repeat(500_000))).hasSize(1_000_000);
                    assertThat(EncodedWords.decode("=?x?".repeat(250_000))).hasSize(1_000_000);
                    assertThat(EncodedWords.decode("=?a?b?".repeat(160_000) + "?=")).isNotEmpty();
                    assertThat(EncodedWords.decode("=?utf-8?q?a?= ".repeat(70_000)))
                            .isEqualTo("a".repeat(70_000) + " ");
                    assertThat(EncodedWords.decode("=?utf-8?q?".repeat(100_000))).isNotEmpty();
                });
    }
}
