package org.filtermx.smtp.api;

import java.util.Objects;

/**
 * The endpoint's answer to one RCPT TO: the reply to send and, when it is positive, the address to
 * record in the envelope (the same address, or its rewrite).
 */
public record RecipientDecision(Reply reply, String envelopeRecipient) {

    public RecipientDecision {
        Objects.requireNonNull(reply, "reply");
        if (reply.positive()) {
            Objects.requireNonNull(envelopeRecipient, "envelopeRecipient");
        }
    }

    public static RecipientDecision accept(String envelopeRecipient) {
        return new RecipientDecision(new Reply(250, "2.1.5", "Recipient ok"), envelopeRecipient);
    }

    public static RecipientDecision refuse(Reply reply) {
        if (reply.positive()) {
            throw new IllegalArgumentException("a refusal needs a 4xx or 5xx reply");
        }
        return new RecipientDecision(reply, null);
    }

    public boolean accepted() {
        return reply.positive();
    }
}
