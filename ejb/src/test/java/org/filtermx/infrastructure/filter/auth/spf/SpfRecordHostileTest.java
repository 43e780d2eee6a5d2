package org.filtermx.infrastructure.filter.auth.spf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpfRecordHostileTest {

    @Test
    void refusesAnOverlongTopLabelWithoutBacktrackingOverIt() {
        // A sender controls its own SPF record; TOPLABEL backtracked quadratically on this.
        String record = "v=spf1 include:example." + "a".repeat(60_000) + "! -all";
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () ->
                        assertThatThrownBy(() -> SpfRecord.parse(record))
                                .isInstanceOf(SpfException.class));
    }

    @Test
    void refusesAHostileIp6MechanismQuickly() {
        String record = "v=spf1 ip6:" + ":".repeat(60_000) + "x -all";
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () ->
                        assertThatThrownBy(() -> SpfRecord.parse(record))
                                .isInstanceOf(SpfException.class));
    }
}
