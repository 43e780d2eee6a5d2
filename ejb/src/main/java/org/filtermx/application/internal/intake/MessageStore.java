package org.filtermx.application.internal.intake;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.internal.accounts.AutoEnable;
import org.filtermx.application.internal.delivery.BounceEligibility;
import org.filtermx.application.internal.delivery.PendingDelivery;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.MessageBodyRepository;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;

/**
 * Makes messages durable with their log records, in one transaction: delivered ones go to the spool
 * (and to delivery once committed), held ones to the quarantine, refused ones to the quarantine as
 * a copy. Received mail and the DSNs the gateway writes share this path. Parts of one message for
 * several domains that carry the same body array store it once (ADR 0015).
 */
@Stateless
public class MessageStore {

    /**
     * One message for one target domain: envelope, bytes, the header facts the log keeps (read once
     * by the caller), what the log shows, the verdict. Items whose content has the very same body
     * array are parts of one message and share its stored body.
     */
    public record Item(
            String queueId,
            Direction direction,
            String logDomain,
            String targetDomain,
            String clientIp,
            String helo,
            String sender,
            Map<String, String> recipients,
            StoredContent content,
            HeaderSummary headers,
            Instant receivedAt,
            String logDetail,
            Verdict verdict) {

        /**
         * A message the node writes itself (a report, a notice): from the null reverse-path, so no
         * bounce comes back, to one recipient, with no client and no verdict (never scanned).
         */
        public static Item systemMail(
                String queueId,
                Direction direction,
                String logDomain,
                String targetDomain,
                String recipient,
                String hostname,
                byte[] mail,
                HeaderSummary headers,
                Instant at,
                String logDetail) {
            return new Item(
                    queueId,
                    direction,
                    logDomain,
                    targetDomain,
                    null,
                    hostname,
                    "",
                    Map.of(recipient, recipient),
                    StoredContent.of(mail),
                    headers,
                    at,
                    logDetail,
                    null);
        }
    }

    @Inject private SpoolRepository spool;
    @Inject private QuarantineRepository quarantine;
    @Inject private MessageLogRepository log;
    @Inject private InstallationSettings settings;
    @Inject private AfterCommit afterCommit;
    @Inject private FilterConfiguration filterConfiguration;
    @Inject private MessageBodyRepository bodies;
    @Inject private AutoEnable autoEnable;
    @Resource private SessionContext context;

    /**
     * Stores every item, or none. Spooled ones are leased to this node in the same transaction and
     * handed to delivery, bytes in hand, once it has committed: the usual message is never read
     * back from the spool (if this node dies first, its leases are given back when it restarts, or
     * expire for the other nodes).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void store(List<Item> items) {
        Map<String, List<String>> heldSpam = new LinkedHashMap<>();
        Map<byte[], Long> shared = items.size() == 1 ? Map.of() : sharedBodies(items);
        List<MessageLogRepository.NewEntry> entries = new ArrayList<>(items.size());
        List<StoredContent> contents = new ArrayList<>(items.size());
        for (Item item : items) {
            Long bodyId = shared.get(item.content().body());
            contents.add(bodyId == null ? item.content() : item.content().sharedAs(bodyId));
            entries.add(new MessageLogRepository.NewEntry(logEntry(item), detail(item)));
        }
        // The log first (every other record names its entry), then each kind of record for all
        // items together: a group of messages costs a few statements per table, not per message.
        log.addAll(entries);
        List<SpoolRepository.NewMessage> spooled = new ArrayList<>();
        List<Item> spooledItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            MessageLogEntry entry = entries.get(i).entry();
            switch (action(item)) {
                case DELIVER -> {
                    spooled.add(spooled(item, contents.get(i), entry));
                    spooledItems.add(item);
                }
                case QUARANTINE, REJECT -> {
                    quarantine.add(quarantined(item, contents.get(i), entry));
                    if (action(item) == Verdict.Action.QUARANTINE
                            && !item.verdict().malware()
                            && item.direction() == Direction.INBOUND) {
                        heldSpam.computeIfAbsent(item.logDomain(), d -> new ArrayList<>())
                                .addAll(item.recipients().keySet());
                    }
                }
                case TEMPFAIL -> {}
            }
        }
        spool.addAll(spooled);
        // Held spam (not viruses, not refused mail) activates its recipients where the domain
        // asks for it (ADR 0025); their welcome mails go out after the commit.
        Instant now = Instant.now();
        heldSpam.forEach((domain, recipients) -> autoEnable.heldSpam(domain, recipients, now));
        List<PendingDelivery> deliveries = new ArrayList<>(spooled.size());
        for (int i = 0; i < spooled.size(); i++) {
            deliveries.add(pending(spooledItems.get(i), spooled.get(i)));
        }
        afterCommit.deliver(deliveries);
    }

    /**
     * Runs {@link #store} and rolls its transaction back (the warm-up of ADR 0048): the same
     * statements, nothing kept, and nothing handed to delivery, which happens only on commit.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void rehearse(List<Item> items) {
        store(items);
        context.setRollbackOnly();
    }

    /** The first event's detail of an item's log entry, by what becomes of the item. */
    private static String detail(Item item) {
        return switch (action(item)) {
            case DELIVER -> item.logDetail();
            case QUARANTINE -> item.logDetail() + "; quarantined, held in quarantine";
            case REJECT -> item.logDetail() + "; rejected, held in quarantine";
            case TEMPFAIL -> item.logDetail() + "; answered 451, a scanner was unavailable";
        };
    }

    private static Verdict.Action action(Item item) {
        return item.verdict() == null ? Verdict.Action.DELIVER : item.verdict().action();
    }

    /**
     * Stores once each body that two or more kept parts carry (a tempfailed part keeps nothing),
     * keyed by the body array itself.
     */
    private Map<byte[], Long> sharedBodies(List<Item> items) {
        Map<byte[], Integer> uses = new IdentityHashMap<>();
        for (Item item : items) {
            if (action(item) != Verdict.Action.TEMPFAIL) {
                uses.merge(item.content().body(), 1, Integer::sum);
            }
        }
        Map<byte[], Long> stored = new IdentityHashMap<>();
        for (Item item : items) {
            byte[] body = item.content().body();
            if (uses.getOrDefault(body, 0) > 1 && !stored.containsKey(body)) {
                stored.put(body, bodies.add(body, item.receivedAt()));
            }
        }
        return stored;
    }

    /** Logs a message refused at the end of DATA before filtering: a record, nothing stored. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void logRejected(Item item, String reason) {
        MessageLogEntry entry = logEntry(item);
        entry.changeStatus(MessageStatus.REJECTED, reason, item.receivedAt());
        log.add(entry, reason);
    }

    private SpoolRepository.NewMessage spooled(
            Item item, StoredContent bytes, MessageLogEntry entry) {
        SpooledMessage message =
                new SpooledMessage(
                        item.queueId(),
                        entry.id(),
                        item.targetDomain(),
                        item.sender(),
                        bytes.size(),
                        item.receivedAt(),
                        settings.queueLifetime(),
                        item.recipients());
        message.leaseTo(settings.nodeName(), Instant.now().plus(settings.deliveryLease()));
        // Outgoing mail comes from an authenticated or authorized sender: its DSNs go back to it.
        String noDsn =
                item.verdict() == null || item.direction() == Direction.OUTBOUND
                        ? null
                        : BounceEligibility.withheldBecause(
                                item.verdict(), filterConfiguration.policyFor(item.logDomain()));
        return new SpoolRepository.NewMessage(message, bytes, noDsn);
    }

    private static PendingDelivery pending(Item item, SpoolRepository.NewMessage m) {
        return new PendingDelivery(
                m.message().id(),
                item.queueId(),
                m.message().logId(),
                item.sender(),
                item.targetDomain(),
                List.copyOf(item.recipients().keySet()),
                m.content(),
                true,
                item.receivedAt());
    }

    private QuarantinedMessage quarantined(Item item, StoredContent bytes, MessageLogEntry entry) {
        Verdict v = item.verdict();
        Duration retention =
                Duration.ofDays(
                        filterConfiguration.policyFor(item.logDomain()).quarantineRetentionDays());
        return new QuarantinedMessage(
                item.queueId(),
                entry.id(),
                item.logDomain(),
                item.direction().name(),
                item.sender(),
                new ArrayList<>(item.recipients().keySet()),
                entry.subject(),
                v.action().name(),
                v.score(),
                v.summary(),
                bytes,
                bytes.shared() ? bodies.reference(bytes.bodyId()) : null,
                item.receivedAt(),
                item.receivedAt().plus(retention));
    }

    private static MessageLogEntry logEntry(Item item) {
        HeaderSummary headers = item.headers();
        MessageLogEntry entry =
                new MessageLogEntry(
                        item.queueId(),
                        item.direction(),
                        item.logDomain(),
                        item.clientIp(),
                        item.helo(),
                        item.sender(),
                        new ArrayList<>(item.recipients().keySet()),
                        headers.messageId(),
                        headers.subject(),
                        item.content().size(),
                        item.receivedAt());
        if (item.verdict() != null) {
            Verdict v = item.verdict();
            entry.recordVerdict(v.action().name(), v.score(), v.summary());
            MessageStatus status =
                    switch (v.action()) {
                        case DELIVER -> null;
                        case QUARANTINE -> MessageStatus.QUARANTINED;
                        case REJECT -> MessageStatus.REJECTED;
                        case TEMPFAIL -> MessageStatus.TEMPFAILED;
                    };
            if (status != null) {
                entry.changeStatus(status, v.summary(), item.receivedAt());
            }
        }
        return entry;
    }
}
