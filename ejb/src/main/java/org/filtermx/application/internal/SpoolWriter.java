package org.filtermx.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * Puts one message for one target domain into the spool together with its log record, in the
 * caller's transaction: the path shared by received mail and the DSNs the gateway writes.
 */
@ApplicationScoped
class SpoolWriter {

    /** What to spool: the envelope, the bytes and what the log shows. */
    record Submission(
            String queueId,
            Direction direction,
            String logDomain,
            String targetDomain,
            String clientIp,
            String helo,
            String sender,
            Map<String, String> recipients,
            byte[] content,
            Instant receivedAt,
            String logDetail) {}

    @Inject private SpoolRepository spool;
    @Inject private MessageLogRepository log;
    @Inject private GatewaySettings settings;

    /** Stores the submission; returns the spool id to dispatch after commit. */
    long write(Submission s) {
        MessageLogEntry entry = logEntry(s);
        log.add(entry, s.logDetail());
        SpooledMessage message =
                new SpooledMessage(
                        s.queueId(),
                        entry.id(),
                        s.targetDomain(),
                        s.sender(),
                        s.content().length,
                        s.receivedAt(),
                        settings.queueLifetime());
        return spool.add(message, s.content(), new LinkedHashMap<>(s.recipients())).id();
    }

    /** Logs a message refused at the end of DATA: it leaves a record, nothing is spooled. */
    void logRejected(Submission s, String reason) {
        MessageLogEntry entry = logEntry(s);
        entry.changeStatus(MessageStatus.REJECTED, reason, s.receivedAt());
        log.add(entry, reason);
    }

    private static MessageLogEntry logEntry(Submission s) {
        HeaderSummary headers = HeaderSummary.of(s.content());
        return new MessageLogEntry(
                        s.queueId(),
                        s.direction(),
                        s.logDomain(),
                        s.clientIp(),
                        s.helo(),
                        s.sender(),
                        new ArrayList<>(s.recipients().keySet()),
                        headers.messageId(),
                        headers.subject(),
                        s.content().length,
                        s.receivedAt());
    }
}
