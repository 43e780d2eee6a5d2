package org.filtermx.application.internal.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.filtermx.application.port.Metrics;
import org.filtermx.application.port.Metrics.Refusal;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.smtp.api.Reply;

/**
 * Counts each end of DATA by the reply the intake chose: accepted (and how many of its parts were
 * held) or refused, and why. The reply constants of {@link DefaultMailIntake} name the reason, so
 * nothing is parsed.
 */
@ApplicationScoped
class IntakeCounts {

    @Inject private Metrics metrics = Metrics.NONE;

    IntakeCounts() {}

    IntakeCounts(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Counts {@code reply} to a message stored as {@code items}, and returns it. */
    Reply counted(List<MessageStore.Item> items, Reply reply) {
        Refusal refusal = refusal(reply);
        if (refusal != null) {
            metrics.messageRefused(refusal);
            return reply;
        }
        metrics.messageAccepted();
        int held = 0;
        for (MessageStore.Item item : items) {
            if (item.verdict() != null && item.verdict().action() == Verdict.Action.QUARANTINE) {
                held++;
            }
        }
        if (held > 0) {
            metrics.messagesHeld(held);
        }
        return reply;
    }

    private static Refusal refusal(Reply reply) {
        if (reply == DefaultMailIntake.TOO_MANY_HOPS) {
            return Refusal.LOOP;
        } else if (reply == DefaultMailIntake.SCANNER_UNAVAILABLE) {
            return Refusal.SCANNER_UNAVAILABLE;
        } else if (reply == DefaultMailIntake.SPAM_REJECTED) {
            return Refusal.SPAM;
        } else if (reply == DefaultMailIntake.VIRUS_REJECTED) {
            return Refusal.VIRUS;
        } else if (reply == DefaultMailIntake.POLICY_REJECTED) {
            return Refusal.POLICY;
        }
        return null;
    }
}
