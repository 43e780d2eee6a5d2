package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UrlTokensTest {

    @Test
    void urlsAreFoundInAnyCase() {
        assertThat(UrlTokens.looksLikeUrl("HTTP://example.com")).isTrue();
        assertThat(UrlTokens.looksLikeUrl("<HttpS://example.com>")).isTrue();
        assertThat(UrlTokens.looksLikeUrl("see:fTp://host/file")).isTrue();
        assertThat(UrlTokens.looksLikeUrl("WwW.example.com")).isTrue();
        assertThat(UrlTokens.looksLikeUrl("x://y")).isFalse();
        assertThat(UrlTokens.looksLikeUrl("(www.example.com)")).isFalse();
        assertThat(UrlTokens.looksLikeUrl("://")).isFalse();
        assertThat(UrlTokens.looksLikeUrl("")).isFalse();
    }

    /**
     * The scan in place answers as the lower-cased copy it replaced, on words built to be close.
     */
    @Test
    void answersAsTheLowerCasedCopyDid() {
        String[] pieces = {
            "h", "H", "t", "T", "p", "P", "s", "S", "f", "F", "w", "W", ".", ":", "/", "://",
            "http", "HTTPS", "ftp", "www.", "\u0130", "\u212A", "\u017F", "\u00DF", "x", "\u00E9"
        };
        Random random = new Random(18);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder word = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                word.append(pieces[random.nextInt(pieces.length)]);
            }
            String w = word.toString();
            assertThat(UrlTokens.looksLikeUrl(w)).as(w).isEqualTo(lowerCasedCopy(w));
        }
    }

    private static boolean lowerCasedCopy(String raw) {
        String w = raw.toLowerCase(Locale.ROOT);
        return w.contains("http://")
                || w.contains("https://")
                || w.contains("ftp://")
                || w.startsWith("www.");
    }
}
