package org.filtermx.application.internal.submission;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.message.AbuseReportCounts;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Keeps a blocked outgoing message in the outgoing quarantine and tells the sender's administrator
 * contact, in one transaction: the lock of the sender (when the score reached the lock threshold
 * and its automatic lock is on), the held copy with its log record, and the ARF report, which is
 * spooled straight for delivery and never scanned. Reports are capped per sender and hour across
 * the cluster ({@code FILTERMX_ARF_REPORTS_PER_HOUR}): past the cap a blocked message is still held
 * and logged, with no report.
 */
@Stateless
public class OutboundHold {

    private static final Logger LOG = Logger.getLogger(OutboundHold.class.getName());

    /** What became of a blocked message. */
    public record Held(boolean locked, boolean reported) {}

    @Inject private OutgoingPolicy policy;
    @Inject private MessageStore store;
    @Inject private AbuseReportCounts counts;
    @Inject private InstallationSettings settings;
    @Inject private OutboundSettings outbound;
    @Inject private EncodedWordDecoder words;

    public OutboundHold() {}

    /** A hold wired by hand (unit tests). */
    OutboundHold(
            OutgoingPolicy policy,
            MessageStore store,
            AbuseReportCounts counts,
            InstallationSettings settings,
            OutboundSettings outbound,
            EncodedWordDecoder words) {
        this.policy = policy;
        this.store = store;
        this.counts = counts;
        this.settings = settings;
        this.outbound = outbound;
        this.words = words;
    }

    /**
     * Holds {@code blocked} (its verdict refuses it), locks {@code sender} when {@code lock}, and
     * spools the report about it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Held hold(
            MessageStore.Item blocked,
            OutgoingSender sender,
            boolean lock,
            AbuseReport.Facts facts,
            Instant now) {
        boolean locked = lock && policy.lockForSpam(sender, blocked.verdict().summary());
        int cap = outbound.reportsPerSenderPerHour();
        boolean report =
                cap > 0
                        && counts.countOne(senderKey(sender), now.truncatedTo(ChronoUnit.HOURS))
                                <= cap;
        String detail =
                blocked.logDetail()
                        + (locked ? "; sender locked" : "")
                        + (report
                                ? "; abuse report to " + sender.adminContact()
                                : "; no abuse report: "
                                        + cap
                                        + " about this sender this hour already"
                                        + " (FILTERMX_ARF_REPORTS_PER_HOUR)");
        List<MessageStore.Item> items = new ArrayList<>(2);
        items.add(withDetail(blocked, detail));
        if (report) {
            items.add(report(blocked.queueId(), sender, facts.withLocked(locked), now));
        } else {
            LOG.info(blocked.queueId() + ": no abuse report about " + sender.displayName());
        }
        store.store(items);
        return new Held(locked, report);
    }

    private MessageStore.Item report(
            String queueId, OutgoingSender sender, AbuseReport.Facts facts, Instant now) {
        AbuseReport composer =
                new AbuseReport(
                        settings.reportFrom(), settings.hostname(), outbound.reportMessageLimit());
        byte[] mail = composer.compose(facts, now);
        String contact = LowerCase.of(sender.adminContact().strip());
        return MessageStore.Item.systemMail(
                queueId + "-arf",
                Direction.OUTBOUND,
                sender.domain(),
                contact.substring(contact.lastIndexOf('@') + 1),
                contact,
                settings.hostname(),
                mail,
                HeaderSummary.of(mail, words),
                now,
                "abuse report (ARF) about " + queueId + " from " + sender.displayName());
    }

    /** The key the report cap counts under: the account and, for a smarthost, the identity. */
    static String senderKey(OutgoingSender sender) {
        String key = sender.userId() + ":" + sender.identity();
        return key.length() > 400 ? key.substring(0, 400) : key;
    }

    private static MessageStore.Item withDetail(MessageStore.Item i, String detail) {
        return new MessageStore.Item(
                i.queueId(),
                i.direction(),
                i.logDomain(),
                i.targetDomain(),
                i.clientIp(),
                i.helo(),
                i.sender(),
                i.recipients(),
                i.content(),
                i.headers(),
                i.receivedAt(),
                detail,
                i.verdict());
    }
}
