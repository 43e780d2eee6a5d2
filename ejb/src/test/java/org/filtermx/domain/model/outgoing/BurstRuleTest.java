package org.filtermx.domain.model.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;
import org.junit.jupiter.api.Test;

class BurstRuleTest {

    private static final double ALPHA = 1.0 / 336;
    private final BurstRule rule = new BurstRule(100, 500, 10, 48, ALPHA);

    private static Baseline learned(int hours, long messages, long recipients) {
        List<HourCount> counts = new ArrayList<>();
        for (long h = 1; h <= hours; h++) {
            counts.add(new HourCount(h, messages, recipients));
        }
        return Baseline.start(1).fold(counts, hours, ALPHA);
    }

    @Test
    void aNewIdentityIsJudgedByTheFloorOnly() {
        Baseline fresh = Baseline.start(10);
        assertThat(rule.judge(fresh, 100, 500).tripped()).isEmpty();
        BurstRule.Judgement over = rule.judge(fresh, 101, 1);
        assertThat(over.messageLimit()).isEqualTo(100);
        assertThat(over.tripped())
                .get()
                .asString()
                .startsWith("burst: 101 messages")
                .contains("new sender");
        // Still in warm-up after a quiet day: a baseline of 1/hour does not lower anything.
        assertThat(rule.judge(learned(24, 1, 1), 100, 100).tripped()).isEmpty();
    }

    @Test
    void aWarmIdentityMayGoTenTimesItsBaselineButNeverBelowTheFloor() {
        Baseline busy = learned(72, 30, 60);
        BurstRule.Judgement j = rule.judge(busy, 300, 600);
        assertThat(j.messageLimit()).isEqualTo(300);
        assertThat(j.recipientLimit()).isEqualTo(600);
        assertThat(j.tripped()).isEmpty();
        assertThat(rule.judge(busy, 301, 1).tripped())
                .get()
                .asString()
                .contains("usually 30.0 per hour");
        assertThat(rule.judge(busy, 1, 601).tripped()).get().asString().contains("601 recipients");
        Baseline quiet = learned(72, 1, 1);
        assertThat(rule.judge(quiet, 100, 500).tripped()).isEmpty();
        assertThat(rule.judge(quiet, 101, 1).messageLimit()).isEqualTo(100);
    }
}
