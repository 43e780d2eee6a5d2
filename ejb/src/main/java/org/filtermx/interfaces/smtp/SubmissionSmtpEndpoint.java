package org.filtermx.interfaces.smtp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.SubmissionIntake;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The submission ports' endpoint (587 with STARTTLS, 465 with implicit TLS): asks the outgoing
 * policy about every AUTH, sender and recipient, and hands each message to the submission intake.
 * Any failure becomes a temporary refusal, so the customer's server keeps the message.
 */
@MessageDriven(
        activationConfig =
                @ActivationConfigProperty(propertyName = "role", propertyValue = "SUBMISSION"))
@ResourceAdapter("filtermx.ear#smtp-connector.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubmissionSmtpEndpoint implements SmtpListener {

    private static final Logger LOG = Logger.getLogger(SubmissionSmtpEndpoint.class.getName());

    @Inject private OutgoingPolicy policy;
    @Inject private SubmissionIntake intake;

    @Override
    public AuthDecision onAuthenticate(SmtpSession session, String username, String password) {
        try {
            return policy.authenticate(session, username, password);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": authentication failed: " + e.getMessage());
            return AuthDecision.temporaryFailure("Temporary authentication failure");
        }
    }

    @Override
    public Reply onSender(SmtpSession session, String reversePath) {
        try {
            return policy.sender(session, reversePath);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": sender check failed: " + e.getMessage());
            return Reply.TEMPORARY_FAILURE;
        }
    }

    @Override
    public RecipientDecision onRecipient(
            SmtpSession session, String reversePath, String recipient) {
        try {
            return policy.recipient(session, reversePath, recipient);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": recipient check failed: " + e.getMessage());
            return RecipientDecision.refuse(Reply.TEMPORARY_FAILURE);
        }
    }

    @Override
    public Reply onMessage(SmtpSession session, Envelope envelope, Path message) {
        try {
            return intake.accept(session, envelope, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": message not stored: " + e.getMessage());
            return Reply.TEMPORARY_FAILURE;
        }
    }

    @Override
    public void onClose(SmtpSession session) {
        try {
            policy.closed(session);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    session.id() + ": connection slot not released: " + e.getMessage());
        }
    }
}
