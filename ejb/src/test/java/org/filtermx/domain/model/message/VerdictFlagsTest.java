package org.filtermx.domain.model.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictFlagsTest {

    @Test
    void aRecordedVerdictKeepsTheFlagsOfItsReasons() {
        MessageLogEntry entry =
                new MessageLogEntry(
                        "Q1",
                        Direction.INBOUND,
                        "example.com",
                        "192.0.2.1",
                        "helo",
                        "a@b.c",
                        List.of("r@example.com"),
                        "<id@x>",
                        "s",
                        10,
                        Instant.EPOCH);
        assertThat(entry.verdictFlags()).as("no verdict yet").isNull();

        entry.recordVerdict(
                "REJECT",
                104.0,
                "VIRUS_FOUND +100.0 (Eicar), SENDER_ALLOWLISTED +0.0, SENDER_BLOCKLISTED +0.0");

        assertThat(entry.verdictFlags())
                .isEqualTo(
                        VerdictFlags.MALWARE_BIT
                                | VerdictFlags.SENDER_ALLOWED_BIT
                                | VerdictFlags.BLOCKED_BIT);
    }

    @Test
    void aTempfailOrAVerdictWithoutScoreIsNotJudged() {
        assertThat(VerdictFlags.of("TEMPFAIL", 3.0, "BAYES_50 +0.3"))
                .isEqualTo(VerdictFlags.NOT_JUDGED);
        assertThat(VerdictFlags.of("DELIVER", null, "")).isEqualTo(VerdictFlags.NOT_JUDGED);
        assertThat(VerdictFlags.of("DELIVER", 1.0, "RECIPIENT_ALLOWLISTED +0.0"))
                .isEqualTo(VerdictFlags.RECIPIENT_ALLOWED_BIT);
        assertThat(VerdictFlags.of("QUARANTINE", 6.0, "BAYES_90 +6.0")).isZero();
    }
}
