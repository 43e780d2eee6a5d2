package org.filtermx.smtp.server.protocol;

import java.util.List;
import org.filtermx.smtp.api.Reply;

/** What the network layer must do next after the state machine has read one command line. */
public sealed interface Step {

    /** Write the reply and read the next command. */
    record Respond(Reply reply) implements Step {}

    /** Write a multi-line 250 reply (EHLO, RFC 5321 section 4.2.1). */
    record RespondLines(List<String> lines) implements Step {}

    /** Write the reply and close the connection. */
    record Close(Reply reply) implements Step {}

    /** Ask the endpoint about a recipient, then pass its decision back to the state machine. */
    record AskRecipient(String reversePath, String recipient) implements Step {}

    /**
     * Ask the endpoint about the sender of a new transaction, then pass its reply back to the state
     * machine (submission role only: the inbound port accepts every sender without asking).
     */
    record AskSender(String reversePath) implements Step {}

    /**
     * Ask the endpoint to check SMTP AUTH credentials (RFC 4954), then pass its decision back to
     * the state machine.
     */
    record Authenticate(String username, String password) implements Step {
        /** Never shows the password, should a step ever be logged. */
        @Override
        public String toString() {
            return "Authenticate[username=" + username + ", password=***]";
        }
    }

    /** Write 354 and read message content. */
    record StartData(Reply reply) implements Step {}

    /** Write 220, discard buffered input and start the TLS handshake (RFC 3207). */
    record StartTls(Reply reply) implements Step {}
}
