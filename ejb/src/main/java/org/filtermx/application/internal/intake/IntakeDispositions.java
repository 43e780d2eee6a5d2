package org.filtermx.application.internal.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.internal.logging.Disposition;
import org.filtermx.application.internal.logging.DispositionLine;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.smtp.api.Reply;

/**
 * Writes the disposition lines decided at the end of DATA, after the commit: {@code held} for parts
 * kept in the quarantine (held by the filter, or refused parts of a message whose other parts were
 * accepted), {@code rejected} for parts refused with a 5xx reply. Parts to deliver get theirs from
 * delivery; a 4xx reply keeps nothing, so it decides nothing either.
 */
final class IntakeDispositions {

    /** The relay= of a held message: it went nowhere but the quarantine. */
    static final String QUARANTINE = "quarantine";

    private IntakeDispositions() {}

    static void decided(List<MessageStore.Item> items, Reply reply) {
        if (reply.transientFailure()) {
            return;
        }
        Instant now = Instant.now();
        for (MessageStore.Item item : items) {
            Verdict.Action action =
                    item.verdict() == null ? Verdict.Action.REJECT : item.verdict().action();
            Disposition status;
            String relay;
            String why;
            if (action == Verdict.Action.QUARANTINE
                    || (action == Verdict.Action.REJECT && reply.positive())) {
                status = Disposition.HELD;
                relay = QUARANTINE;
                why = item.verdict() == null ? reply.line() : item.verdict().summary();
            } else if (action == Verdict.Action.REJECT) {
                status = Disposition.REJECTED;
                relay = null;
                why = reply.line();
            } else {
                continue;
            }
            Duration delay = Duration.between(item.receivedAt(), now);
            for (String recipient : item.recipients().keySet()) {
                new DispositionLine(
                                item.queueId(),
                                item.sender(),
                                recipient,
                                item.targetDomain(),
                                status,
                                relay,
                                why,
                                delay)
                        .log();
            }
        }
    }
}
