package org.filtermx.application;

import java.nio.file.Path;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Takes a received message into the durable spool. A 2xx reply is returned only after the message
 * and its log record are committed.
 */
public interface MailIntake {

    Reply accept(SmtpSession session, Envelope envelope, Path message);

    /**
     * Runs a message of the node's warm-up through everything {@link #accept} does (parse, scan,
     * verdict, the store's statements) and rolls the store back: nothing is kept, delivered,
     * counted or logged (ADR 0048). Returns the reply {@link #accept} would have given.
     */
    Reply rehearse(SmtpSession session, Envelope envelope, Path message);
}
