package org.filtermx.domain.model.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void summaryListsWhatScoredLargestFirstAndWhatExplainsWithoutScoring() {
        Verdict v =
                new Verdict(
                        Verdict.Action.DELIVER,
                        3.5,
                        List.of(
                                Reason.of("DKIM_NONE", 0),
                                Reason.of("BAYES_50", 0),
                                Reason.of("SUBJECT_ALL_CAPS", 1.0),
                                Reason.of("URL_NUMERIC_HOST", 4.1),
                                Reason.of("REPLY_IN_THREAD", -3.0),
                                Reason.of("SPF_TEMPERROR", 0)),
                        false);
        // An unsure classifier weighs nothing but says it looked; a check that found nothing is
        // left out.
        assertThat(v.summary())
                .isEqualTo(
                        "URL_NUMERIC_HOST +4.1, REPLY_IN_THREAD -3.0, SUBJECT_ALL_CAPS +1.0, BAYES_50 +0.0, SPF_TEMPERROR +0.0");
    }
}
