package org.filtermx.application.internal.posture;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.port.PostureSettings;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * The cluster's DMARC report address ({@code FILTERMX_DMARC_RUA}) on port 25: its recipient is
 * accepted though its domain is not hosted, and its mail is not relayed but kept (committed before
 * the 250 reply) and then parsed in its own transaction; a parse that fails leaves the kept mail
 * with no outcome, and the reply stays 250 (the reporter cannot do better by retrying).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DmarcReportInbox {

    private static final Logger LOG = Logger.getLogger(DmarcReportInbox.class.getName());

    @Inject private PostureSettings settings;
    @Inject private DmarcReportStore store;

    public boolean isReportAddress(String recipient) {
        return recipient != null && recipient.equalsIgnoreCase(settings.reportAddress());
    }

    /** The envelope's recipients other than the report address. */
    public List<String> others(Envelope envelope) {
        return envelope.recipients().stream().filter(r -> !isReportAddress(r)).toList();
    }

    /** Keeps and parses a report mail; the reply for the report address. */
    public Reply accept(SmtpSession session, Envelope envelope, byte[] received) {
        long id =
                store.keep(
                        envelope.transactionId(),
                        session.clientAddress(),
                        envelope.receivedAt(),
                        received);
        try {
            store.parse(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DMARC report mail " + id + " kept but not parsed", e);
        }
        return Reply.of(250, "2.0.0", "Ok: DMARC report received as " + envelope.transactionId());
    }
}
