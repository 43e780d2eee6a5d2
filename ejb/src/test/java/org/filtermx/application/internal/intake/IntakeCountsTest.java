package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.infrastructure.metrics.MicrometerMetrics;
import org.filtermx.smtp.api.Reply;
import org.junit.jupiter.api.Test;

class IntakeCountsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeCounts counts = new IntakeCounts(new MicrometerMetrics(registry));

    private static MessageStore.Item part(Verdict.Action action) {
        return new MessageStore.Item(
                "q",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Verdict(action, 0, List.of(), false));
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void anAcceptedMessageCountsItsHeldParts() {
        Reply ok = Reply.of(250, "2.0.0", "Ok: queued as x");
        Reply reply =
                counts.counted(
                        List.of(
                                part(Verdict.Action.DELIVER),
                                part(Verdict.Action.QUARANTINE),
                                part(Verdict.Action.QUARANTINE)),
                        ok);

        assertThat(reply).isSameAs(ok);
        assertThat(counter("filtermx.messages.accepted")).isEqualTo(1);
        assertThat(counter("filtermx.messages.held")).isEqualTo(2);
    }

    @Test
    void aRefusalCountsItsReasonAndNothingElse() {
        counts.counted(List.of(part(Verdict.Action.REJECT)), DefaultMailIntake.SPAM_REJECTED);
        counts.counted(List.of(), DefaultMailIntake.TOO_MANY_HOPS);
        counts.counted(
                List.of(part(Verdict.Action.TEMPFAIL)), DefaultMailIntake.SCANNER_UNAVAILABLE);

        assertThat(counter("filtermx.messages.refused", "reason", "spam")).isEqualTo(1);
        assertThat(counter("filtermx.messages.refused", "reason", "loop")).isEqualTo(1);
        assertThat(counter("filtermx.messages.refused", "reason", "scanner_unavailable"))
                .isEqualTo(1);
        assertThat(counter("filtermx.messages.accepted")).isZero();
    }
}
