package org.filtermx.interfaces.smtp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.MailIntake;
import org.filtermx.application.RecipientPolicy;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The MX port's endpoint: hands each recipient to the recipient policy and each message to the
 * intake. Any failure becomes a 451, so the sending MTA keeps the message and retries. Sessions of
 * the loopback REHEARSAL listener, which only the connector's own warm-up reaches before the MX
 * port accepts mail, go through the same path with the store rolled back (ADR 0048).
 */
@MessageDriven(
        activationConfig =
                @ActivationConfigProperty(propertyName = "role", propertyValue = "INBOUND"))
@ResourceAdapter("filtermx.ear#smtp-connector.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundSmtpEndpoint implements SmtpListener {

    private static final Logger LOG = Logger.getLogger(InboundSmtpEndpoint.class.getName());

    @Inject private RecipientPolicy policy;
    @Inject private MailIntake intake;

    @Override
    public RecipientDecision onRecipient(
            SmtpSession session, String reversePath, String recipient) {
        if (session.role() == Role.REHEARSAL) {
            // The node's own warm-up mail (ADR 0048): nothing is kept, every recipient is taken.
            return RecipientDecision.accept(recipient);
        }
        try {
            return policy.decide(session, reversePath, recipient);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": recipient check failed: " + e.getMessage());
            return RecipientDecision.refuse(Reply.TEMPORARY_FAILURE);
        }
    }

    @Override
    public Reply onMessage(SmtpSession session, Envelope envelope, Path message) {
        try {
            if (session.role() == Role.REHEARSAL) {
                return intake.rehearse(session, envelope, message);
            }
            return intake.accept(session, envelope, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session.id() + ": message not stored: " + e.getMessage());
            return Reply.TEMPORARY_FAILURE;
        }
    }
}
