package org.filtermx.infrastructure.smtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * The per-recipient state of one transaction: which recipients the server accepted at RCPT and
 * which are already decided, so that whatever ends the session decides exactly the rest.
 */
final class RecipientLedger {

    private final List<String> recipients;
    private final Map<String, RecipientResult> decided = new LinkedHashMap<>();
    private final List<String> accepted = new ArrayList<>();

    RecipientLedger(List<String> recipients) {
        this.recipients = List.copyOf(recipients);
    }

    List<String> recipients() {
        return recipients;
    }

    void accept(String recipient) {
        accepted.add(recipient);
    }

    void decide(String recipient, DeliveryStatus status, String reply, boolean fromRemote) {
        decided.putIfAbsent(recipient, new RecipientResult(recipient, status, reply, fromRemote));
    }

    boolean hasAccepted() {
        return !accepted.isEmpty();
    }

    /** Gives every recipient not yet decided, accepted or not, the same result. */
    void decideRest(DeliveryStatus status, String reply, boolean fromRemote) {
        for (String recipient : recipients) {
            decide(recipient, status, reply, fromRemote);
        }
    }

    /** The results in the caller's order; a recipient listed twice gets one result per entry. */
    List<RecipientResult> results() {
        return recipients.stream().map(decided::get).toList();
    }
}
