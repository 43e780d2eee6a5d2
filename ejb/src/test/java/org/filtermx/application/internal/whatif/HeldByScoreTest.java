package org.filtermx.application.internal.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.filtermx.application.QuarantineEntry;
import org.junit.jupiter.api.Test;

class HeldByScoreTest {

    private static QuarantineEntry held(String verdict, double score, String reasons) {
        return new QuarantineEntry(
                1,
                "Q1",
                1,
                "example.com",
                "INBOUND",
                "a@b.example",
                List.of("u@example.com"),
                "s",
                verdict,
                score,
                reasons,
                10,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void namesTheThresholdOnlyForMailHeldByItsScore() {
        assertThat(HeldByScore.deliveredAtThreshold(held("QUARANTINE", 7.25, "BAYES_99 +7.3")))
                .isEqualTo(7.3);
        assertThat(HeldByScore.deliveredAtThreshold(held("REJECT", 20, "BAYES_99 +20.0"))).isNull();
        assertThat(
                        HeldByScore.deliveredAtThreshold(
                                held("QUARANTINE", 5, "VIRUS_FOUND +100.0 (x)")))
                .isNull();
    }
}
