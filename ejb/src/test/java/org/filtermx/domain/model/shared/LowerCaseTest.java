package org.filtermx.domain.model.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LowerCaseTest {

    @Test
    void givesWhatToLowerCaseGives() {
        // Cased and uncased letters, the dotted capital I, sigma in and out of final position,
        // case-ignorable marks, characters outside the BMP, Kelvin and Angstrom signs.
        String[] pieces = {
            "A",
            "a",
            "\u0130",
            "\u03a3",
            "\u0391",
            "\u03c2",
            "'",
            "\u0307",
            ".",
            " ",
            "\ud801\udc00",
            "\u212a",
            "\u212b",
            "\u00df",
            "I",
            "\u0131",
            "x",
            "\u00c9"
        };
        Random random = new Random(18);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(LowerCase.of(s)).as(s).isEqualTo(s.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void aLongRunOfDottedCapitalsTakesLinearTime() {
        String hostile = "\u0130".repeat(200_000);

        // String.toLowerCase took 9.4 s for this on one core (JDK 17); linear, it takes
        // milliseconds.
        String lower =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> LowerCase.of(hostile));

        assertThat(lower).isEqualTo("i\u0307".repeat(200_000));
    }
}
