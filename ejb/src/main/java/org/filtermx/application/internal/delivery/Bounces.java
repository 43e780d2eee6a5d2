package org.filtermx.application.internal.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.BounceWriter;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.spool.SpoolRecipient;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;

/**
 * Tells a sender that some recipients will never get their message: an RFC 3464 DSN from the null
 * reverse-path, spooled like any other message in the caller's transaction. A message that itself
 * came from the null reverse-path never causes one (RFC 5321 section 6.1: no bounce loops), nor
 * does one whose sender is likely forged or that scored as spam ({@link BounceEligibility}): the
 * DSN would go to whoever the attacker named. A DSN returns the original header section only.
 */
@ApplicationScoped
class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class.getName());

    @Inject private MessageStore store;
    @Inject private MessageLogRepository log;
    @Inject private SpoolRepository spool;
    @Inject private InstallationSettings settings;
    @Inject private BounceWriter writer;
    @Inject private EncodedWordDecoder words;

    void notifySender(
            SpooledMessage m,
            StoredContent content,
            List<SpoolRecipient> failed,
            String remote,
            Instant now) {
        if (!writer.mayNotify(m.sender())) {
            log.record(
                    m.logId(),
                    MessageStatus.BOUNCED,
                    remote,
                    "no DSN: the message came from the null sender");
            return;
        }
        String withheld = spool.dsnWithheld(m.id()).orElse(null);
        if (withheld != null) {
            log.record(
                    m.logId(),
                    MessageStatus.BOUNCED,
                    remote,
                    "no DSN to " + m.sender() + ": " + withheld);
            LOG.info(m.queueId() + ": no DSN to " + m.sender() + ": " + withheld);
            return;
        }
        List<BounceWriter.FailedRecipient> report =
                failed.stream()
                        .map(
                                r ->
                                        new BounceWriter.FailedRecipient(
                                                result(r), r.originalAddress(), remote, now))
                        .toList();
        byte[] dsn;
        try {
            dsn = writer.write(m.sender(), m.createdAt(), report, content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot compose a DSN for " + m.queueId(), e);
        }
        String senderDomain = m.sender().substring(m.sender().lastIndexOf('@') + 1);
        String queueId = m.queueId() + "-dsn" + m.attempts();
        store.store(
                List.of(
                        new MessageStore.Item(
                                queueId,
                                Direction.OUTBOUND,
                                log.find(m.logId()).map(e -> e.domain()).orElse(null),
                                senderDomain,
                                null,
                                settings.hostname(),
                                "",
                                Map.of(m.sender(), m.sender()),
                                StoredContent.of(dsn),
                                HeaderSummary.of(dsn, words),
                                now,
                                "delivery status notification for " + m.queueId(),
                                null)));
        log.record(
                m.logId(),
                MessageStatus.BOUNCED,
                remote,
                "DSN " + queueId + " sent to " + m.sender());
        LOG.info(m.queueId() + ": DSN " + queueId + " queued for " + m.sender());
    }

    private static RecipientResult result(SpoolRecipient r) {
        boolean expired = r.expired();
        String reply = r.lastReply() == null ? "unknown failure" : r.lastReply();
        boolean fromRemote = reply.matches("^[245]\\d\\d[ -].*");
        return new RecipientResult(
                r.address(),
                expired ? DeliveryStatus.TEMPORARY : DeliveryStatus.PERMANENT,
                reply,
                fromRemote);
    }
}
