package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.MailIntake;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Spools received mail: one spool entry and one log record per target domain, each with a
 * Received field prepended and the received bytes otherwise untouched. The container commits
 * before this method returns to the connector, so the 250 it answers follows a durable write;
 * delivery starts once the commit is done.
 */
@Stateless
public class DefaultMailIntake implements MailIntake {

    @Inject private SpoolWriter writer;
    @Inject private HostedDomainDirectory directory;
    @Inject private AfterCommit afterCommit;

    /** Postfix's hopcount_limit: more Received fields than this means a mail loop. */
    static final int HOP_COUNT_LIMIT = 50;

    static final Reply TOO_MANY_HOPS =
            Reply.of(554, "5.4.6", "Too many hops: mail loop detected (check the domain's destination route)");

    @Override
    public Reply accept(SmtpSession session, Envelope envelope, Path message) {
        byte[] received = read(message);
        // RFC 5321 section 6.3: a looping message is refused, not relayed again.
        if (HeaderSummary.of(received).receivedCount() >= HOP_COUNT_LIMIT) {
            writer.logRejected(submission(session, envelope, envelope.transactionId(),
                    envelope.recipients(), received, "refused"), TOO_MANY_HOPS.line());
            return TOO_MANY_HOPS;
        }
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (String rcpt : envelope.recipients()) {
            String domain = rcpt.substring(rcpt.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(rcpt);
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(envelope.receivedAt(), ZoneOffset.UTC);
        List<Long> spoolIds = new ArrayList<>();
        int part = 0;
        for (Map.Entry<String, List<String>> group : byDomain.entrySet()) {
            String queueId =
                    byDomain.size() == 1
                            ? envelope.transactionId()
                            : envelope.transactionId() + "-" + (++part);
            List<String> rcpts = group.getValue();
            byte[] trace =
                    ReceivedField.of(session, queueId, rcpts.size() == 1 ? rcpts.get(0) : null, now);
            spoolIds.add(
                    writer.write(
                            submission(session, envelope, queueId, rcpts, concat(trace, received), "accepted")));
        }
        afterCommit.dispatch(spoolIds);
        String ids = byDomain.size() == 1 ? envelope.transactionId() : envelope.transactionId() + "-*";
        return Reply.of(250, "2.0.0", "Ok: queued as " + ids);
    }

    private SpoolWriter.Submission submission(
            SmtpSession session, Envelope envelope, String queueId, List<String> rcpts, byte[] content, String what) {
        String domain = rcpts.get(0).substring(rcpts.get(0).lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        Map<String, String> recipients = new LinkedHashMap<>();
        rcpts.forEach(r -> recipients.put(r, r));
        return new SpoolWriter.Submission(
                queueId,
                Direction.INBOUND,
                directory.lookup(domain).map(HostedDomain::name).orElse(domain),
                domain,
                session.clientAddress(),
                session.heloName(),
                envelope.reversePath(),
                recipients,
                content,
                envelope.receivedAt(),
                what + " from " + session.clientAddress());
    }

    private static byte[] read(Path message) {
        try {
            return Files.readAllBytes(message);
        } catch (IOException e) {
            throw new TemporaryFailure("cannot read received message " + message, e);
        }
    }

    static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
