package org.filtermx.application;

import java.nio.file.Path;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Takes an outgoing message from the submission ports: filtered with the outbound thresholds, held
 * in the outgoing quarantine (with an ARF report to the administrator contact and, where enabled, a
 * lock of the sender) or DKIM-signed and queued for delivery to the recipients' MX hosts. A 2xx
 * reply follows the commit, as on the inbound side.
 */
public interface SubmissionIntake {

    Reply accept(SmtpSession session, Envelope envelope, Path message);
}
