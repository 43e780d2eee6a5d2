package org.filtermx.domain.model.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reasons are formatted by hand; they must read exactly as the formatter and regexes made them. */
class ReasonTest {

    @Test
    void formatsScoresAsPercentPlusPointOneF() {
        Random random = new Random(3);
        List<Double> edge =
                List.of(
                        0.0, -0.0, 0.05, -0.05, 0.04, -0.04, 0.15, 0.25, 1.45, -2.35, 99.95, 1e-9,
                        -1e-9, 123456.75, 5.0, -5.0);
        for (double score : edge) {
            assertThat(Reason.of("RULE", score).toString())
                    .as("%s", score)
                    .isEqualTo(String.format(Locale.ROOT, "%s %+.1f", "RULE", score));
            assertThat(
                            new Verdict(Verdict.Action.DELIVER, score, List.of(), false)
                                    .formattedScore())
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", score));
        }
        for (int i = 0; i < 50_000; i++) {
            double score = Math.round((random.nextDouble() - 0.5) * 40_000) / 1000.0;
            assertThat(Reason.of("RULE", score).toString())
                    .as("%s", score)
                    .isEqualTo(String.format(Locale.ROOT, "%s %+.1f", "RULE", score));
        }
    }

    @Test
    void makesTheDetailOneLineAsTheFormerExpressionDid() {
        String[] pieces = {"a", " ", "\r", "\n", "\t", "\r\n", "x y", "é"};
        Random random = new Random(5);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder detail = new StringBuilder();
            int count = random.nextInt(7);
            for (int i = 0; i < count; i++) {
                detail.append(pieces[random.nextInt(pieces.length)]);
            }
            String d = detail.toString();
            assertThat(new Reason("RULE", 1, d).detail())
                    .as(d)
                    .isEqualTo(d.replaceAll("[\\r\\n\\t]+", " ").strip());
        }
    }

    @Test
    void acceptsOnlyRuleNamesOfCapitalsDigitsAndUnderscores() {
        assertThat(Reason.of("BAYES_99", 1).rule()).isEqualTo("BAYES_99");
        for (String bad : new String[] {"X", "bayes", "BAYES-99", "A".repeat(65), "É_RULE", ""}) {
            assertThatThrownBy(() -> Reason.of(bad, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Reason.of(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
