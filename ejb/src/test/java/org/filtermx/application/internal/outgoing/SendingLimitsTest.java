package org.filtermx.application.internal.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.internal.outgoing.SendingLimits.Counter;
import org.filtermx.domain.model.outgoing.OutgoingLimits;
import org.filtermx.smtp.api.Reply;
import org.junit.jupiter.api.Test;

class SendingLimitsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:30Z");

    private final InMemoryUsage usage = new InMemoryUsage();
    private Instant now = T0;
    private final SendingLimits limits =
            new SendingLimits(
                    usage,
                    new Clock() {
                        @Override
                        public Instant instant() {
                            return now;
                        }

                        @Override
                        public java.time.ZoneId getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            return this;
                        }
                    });

    private static List<Counter> account(int messages, int recipients) {
        return List.of(
                new Counter("", "shop@example.com", new OutgoingLimits(messages, recipients, 0)));
    }

    @Test
    void theMessageOverTheLimitIsRefusedInWordsAndNotCounted() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.count(1, account(10, 0), 1, 0)).isEmpty();
        }

        Optional<Reply> refused = limits.count(1, account(10, 0), 1, 0);

        assertThat(refused).isPresent();
        assertThat(refused.get().line())
                .isEqualTo(
                        "451 4.7.1 shop@example.com has sent 10 messages in the last hour, the"
                                + " limit is 10; try again later");
        assertThat(usage.usage(1, "", T0.minusSeconds(3600)).messages()).isEqualTo(10);
    }

    @Test
    void countsFallOutOfTheHourMinuteByMinute() {
        for (int i = 0; i < 10; i++) {
            limits.count(1, account(10, 0), 1, 0);
        }
        now = T0.plusSeconds(59 * 60);
        assertThat(limits.count(1, account(10, 0), 1, 0)).isPresent();

        now = T0.plusSeconds(60 * 60);

        assertThat(limits.count(1, account(10, 0), 1, 0)).isEmpty();
    }

    @Test
    void recipientsHaveTheirOwnLimitAndZeroIsUnlimited() {
        assertThat(limits.count(1, account(0, 3), 1, 3)).isEmpty();
        Optional<Reply> refused = limits.count(1, account(0, 3), 0, 1);

        assertThat(refused.orElseThrow().text())
                .isEqualTo(
                        "shop@example.com has sent to 3 recipients in the last hour, the limit is"
                                + " 3; try again later");
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.count(2, account(0, 0), 1, 5)).isEmpty();
        }
    }

    @Test
    void aSenderOverItsLimitCountsNothingOnTheAccount() {
        OutgoingLimits each = new OutgoingLimits(2, 0, 0);
        List<Counter> bob =
                List.of(
                        new Counter("", "relay", each.account()),
                        new Counter("bob@example.com", "bob@example.com (via relay)", each));
        List<Counter> carol =
                List.of(
                        new Counter("", "relay", each.account()),
                        new Counter("carol@example.com", "carol@example.com (via relay)", each));

        limits.count(1, bob, 1, 0);
        limits.count(1, bob, 1, 0);
        Optional<Reply> third = limits.count(1, bob, 1, 0);

        assertThat(third.orElseThrow().text()).startsWith("bob@example.com (via relay) has sent 2");
        assertThat(limits.count(1, carol, 1, 0)).isEmpty();
        assertThat(usage.usage(1, "", T0.minusSeconds(3600)).messages()).isEqualTo(3);
    }

    @Test
    void aSessionTakesOneSlotAndTheLimitRefusesTheNext() {
        assertThat(limits.takeSlot(1, "shop@example.com", 2, "n1", "s1")).isEmpty();
        assertThat(limits.takeSlot(1, "shop@example.com", 2, "n1", "s1")).isEmpty();
        assertThat(limits.takeSlot(1, "shop@example.com", 2, "n2", "s2")).isEmpty();

        Optional<Reply> third = limits.takeSlot(1, "shop@example.com", 2, "n1", "s3");

        assertThat(third.orElseThrow().line())
                .isEqualTo(
                        "451 4.7.1 shop@example.com has 2 connections open, the limit is 2; close"
                                + " one and try again");
        limits.releaseSlot("n2", "s2");
        assertThat(limits.takeSlot(1, "shop@example.com", 2, "n1", "s3")).isEmpty();
    }

    @Test
    void aSlotOlderThanASessionLivesNoLongerCounts() {
        limits.takeSlot(1, "shop@example.com", 1, "gone", "s1");
        now = T0.plus(SendingLimits.MAX_SESSION_AGE).plusSeconds(1);

        assertThat(limits.takeSlot(1, "shop@example.com", 1, "n1", "s2")).isEmpty();
    }
}
