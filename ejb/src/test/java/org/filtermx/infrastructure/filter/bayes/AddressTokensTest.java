package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressTokensTest {

    /** The pattern the scan replaced; it still defines what counts as an address. */
    private static final Pattern OLD =
            Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+");

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static List<String> scanned(String value) {
        List<String> found = new ArrayList<>();
        AddressTokens.forEachAddress(value, (start, end) -> found.add(value.substring(start, end)));
        return found;
    }

    private static List<String> matched(String value) {
        List<String> found = new ArrayList<>();
        Matcher m = OLD.matcher(value);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void findsTheAddressesThePatternFound() {
        for (String value :
                List.of(
                        "\"Jane Doe\" <Jane@Mail.Example.COM>",
                        "a@b.c, d@e.f; (x@y.z) [q@r.s]",
                        "x@a.b@c.d",
                        "x@a.b@c",
                        "x@y@example.com.",
                        "me@example..com..",
                        "@example.com a@.com a@b. a@-.x",
                        "üser@exämple.com user@host")) {
            assertThat(scanned(value)).as(value).isEqualTo(matched(value));
        }
    }

    @Test
    void agreesWithThePatternOnRandomShortInput() {
        Random random = new Random(11);
        String alphabet = "ab1.-@_ <>\"(),;:[]\t";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(16);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = value.toString();
            assertThat(scanned(v)).as(v).isEqualTo(matched(v));
        }
    }

    static List<String> megabyteHeaders() {
        return List.of(
                "a".repeat(1 << 20),
                "a@".repeat(1 << 19),
                "a.@b".repeat(1 << 18),
                "x@" + ".".repeat(1 << 20) + "a",
                "x@" + "a.".repeat(1 << 19) + "-!",
                "x" + "@a".repeat(1 << 19) + ".");
    }

    @ParameterizedTest
    @MethodSource("megabyteHeaders")
    void readsAHeaderOfAMegabyteInLinearTime(String value) {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    TokenSet sink = new TokenSet(Tokenizer.DEFAULT_MAX_TOKENS);
                    AddressTokens.addField(sink, "to", value);
                    // Overlong addresses and domains give no token; the point is the time it takes.
                    assertThat(sink.toSet()).hasSizeLessThan(10);
                });
    }
}
