package org.filtermx.domain.model.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void upperCasesWhatCanBeAKeyword() {
        assertThat(Keyword.upper(" tempfail ")).isEqualTo("TEMPFAIL");
        assertThat(Keyword.upper("stra\u00dfe")).isEqualTo("STRASSE");
    }

    @Test
    void leavesTextTooLongForAKeywordAsItIs() {
        String hostile = "\u00df".repeat(5_000_000);

        String upper =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Keyword.upper(hostile));

        assertThat(upper).isSameAs(hostile);
    }
}
