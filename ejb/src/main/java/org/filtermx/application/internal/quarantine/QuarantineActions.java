package org.filtermx.application.internal.quarantine;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.filtermx.application.Conflict;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.QuarantineService.Action;
import org.filtermx.application.QuarantineService.Outcome;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.filtering.ClassifierTraining;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterSettingsRepository;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.quarantine.HeldRecipient;
import org.filtermx.domain.model.quarantine.QuarantineAuditEntry;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;

/**
 * One action on one held message, in one transaction, under a row lock on the message: two nodes
 * (or a double click and a release link) releasing the same copy at once queue behind the lock, and
 * the second finds it released. A release spools the bytes for the recipients not yet released and
 * hands them to delivery after the commit, exactly as received mail is; the log entry moves to
 * RELEASED and delivery's events follow it there.
 */
@Stateless
public class QuarantineActions {

    /**
     * Who acts, for the audit trail and the log; {@code releasesOutgoing} when it may release held
     * outgoing mail (administrators and resellers only: a domain's own login or users releasing
     * their own blocked spam would defeat the outgoing filter).
     */
    public record Actor(String name, String address, boolean releasesOutgoing) {

        public Actor(String name, String address) {
            this(name, address, false);
        }
    }

    @Inject private QuarantineRepository quarantine;
    @Inject private SpoolRepository spool;
    @Inject private MessageLogRepository log;
    @Inject private AfterCommit afterCommit;
    @Inject private InstallationSettings settings;
    @Inject private ClassifierTraining training;
    @Inject private FilterSettingsRepository filterSettings;
    @Inject private DomainRepository domains;
    @Inject private FilterConfiguration filterConfiguration;

    /**
     * Performs {@code action} on message {@code id} as seen through {@code visibility}: an email
     * user acts on its own copy; others on {@code recipient}'s, or on every recipient's when null.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Outcome perform(
            Visibility visibility, Actor actor, long id, Action action, String recipient) {
        QuarantinedMessage m =
                quarantine
                        .lock(id)
                        .filter(q -> visibility.covers(q.domain(), q.recipients()))
                        .orElseThrow(() -> new NotFound("no held message " + id));
        if (Direction.OUTBOUND.name().equals(m.direction())) {
            requireOutgoingAllowed(actor, m, action);
        }
        String target = target(visibility, m, recipient);
        Instant now = Instant.now();
        String detail =
                switch (action) {
                    case RELEASE -> release(m, target, actor, now);
                    case RELEASE_AND_TRAIN -> {
                        String released = release(m, target, actor, now);
                        training.learn(m.content(), false, trainingScope(m), false);
                        yield released + "; learned as ham";
                    }
                    case ALLOW_AND_RELEASE -> {
                        String listed = list(visibility, m, FilterListEntry.ListAction.ALLOW);
                        yield listed + "; " + release(m, target, actor, now);
                    }
                    case BLOCK_AND_DELETE -> {
                        String listed = list(visibility, m, FilterListEntry.ListAction.BLOCK);
                        yield listed + "; " + delete(m, target, now);
                    }
                    case DELETE -> delete(m, target, now);
                    case TRAIN_SPAM -> {
                        training.learn(m.content(), true, trainingScope(m), false);
                        yield "learned as spam";
                    }
                };
        quarantine.audit(
                new QuarantineAuditEntry(
                        m.id(),
                        m.logId(),
                        m.domain(),
                        action.name(),
                        target,
                        actor.name(),
                        actor.address(),
                        now,
                        detail));
        return new Outcome(id, action, true, detail);
    }

    /**
     * Held outgoing mail: only administrators and resellers release it, and the allow and block
     * lists (which judge incoming senders) take no part.
     */
    static void requireOutgoingAllowed(Actor actor, QuarantinedMessage m, Action action) {
        switch (action) {
            case RELEASE, RELEASE_AND_TRAIN -> {
                if (!actor.releasesOutgoing()) {
                    throw new Forbidden(
                            "held outgoing message "
                                    + m.id()
                                    + " can be released by an administrator or reseller only");
                }
            }
            case ALLOW_AND_RELEASE, BLOCK_AND_DELETE ->
                    throw new InvalidRequest(
                            "the allow and block lists judge incoming mail; release or delete"
                                    + " held outgoing message "
                                    + m.id()
                                    + " instead");
            case DELETE, TRAIN_SPAM -> {}
        }
    }

    private static String target(Visibility visibility, QuarantinedMessage m, String recipient) {
        String r =
                recipient == null || recipient.isBlank() ? null : LowerCase.of(recipient.strip());
        if (visibility.address() != null) {
            if (r != null && !r.equals(visibility.address())) {
                throw new NotFound("no held message " + m.id() + " for " + r);
            }
            return visibility.address();
        }
        if (r != null && !m.recipients().contains(r)) {
            throw new InvalidRequest(r + " is not a recipient of held message " + m.id());
        }
        return r;
    }

    private String release(QuarantinedMessage m, String target, Actor actor, Instant now) {
        List<HeldRecipient> rows = quarantine.recipientsOf(m.id());
        int releasedBefore = (int) rows.stream().filter(HeldRecipient::released).count();
        List<String> released = new ArrayList<>();
        for (HeldRecipient r : rows) {
            if ((target == null || r.address().equals(target))
                    && quarantine.markReleased(m.id(), r.address(), now)) {
                released.add(r.address());
            }
        }
        if (released.isEmpty()) {
            Instant when =
                    rows.stream()
                            .filter(r -> target == null || r.address().equals(target))
                            .map(HeldRecipient::releasedAt)
                            .filter(Objects::nonNull)
                            .max(Instant::compareTo)
                            .orElse(null);
            throw new Conflict(
                    when == null
                            ? "held message " + m.id() + " has nothing left to release"
                            : "held message "
                                    + m.id()
                                    + " was already released"
                                    + (target == null ? "" : " to " + target)
                                    + " at "
                                    + when
                                    + "; it is not delivered again");
        }
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        released.forEach(
                a ->
                        byDomain.computeIfAbsent(
                                        a.substring(a.lastIndexOf('@') + 1), d -> new ArrayList<>())
                                .add(a));
        List<Long> spooled = new ArrayList<>();
        int n = releasedBefore;
        for (Map.Entry<String, List<String>> group : byDomain.entrySet()) {
            Map<String, String> recipients = new LinkedHashMap<>();
            group.getValue().forEach(a -> recipients.put(a, a));
            SpooledMessage message =
                    new SpooledMessage(
                            m.queueId() + "-R" + (++n),
                            m.logId(),
                            group.getKey(),
                            m.sender(),
                            m.size(),
                            now,
                            settings.queueLifetime(),
                            recipients);
            // Held mail scored as spam: its sender gets no DSN even after a release
            // (BounceEligibility).
            String noDsn = "released from the quarantine (" + LowerCase.of(m.verdict()) + ")";
            spooled.add(spool.add(message, m.storedContent(), noDsn).id());
        }
        String detail =
                "released to "
                        + String.join(", ", released)
                        + " by "
                        + actor.name()
                        + (actor.address() == null ? "" : " from " + actor.address());
        log.record(m.logId(), MessageStatus.RELEASED, null, detail);
        settle(m, now);
        afterCommit.dispatch(spooled);
        return detail;
    }

    private String delete(QuarantinedMessage m, String target, Instant now) {
        if (target != null && quarantine.recipientsOf(m.id()).size() > 1) {
            quarantine.removeRecipient(m.id(), target);
            log.record(m.logId(), MessageStatus.DELETED, null, "deleted for " + target);
            settle(m, now);
            return "deleted for " + target;
        }
        log.record(m.logId(), MessageStatus.DELETED, null, "deleted from the quarantine");
        quarantine.remove(m);
        return "deleted";
    }

    /**
     * Marks the message done once no recipient is left waiting for it (counted in the database: the
     * recipient rows were changed by bulk updates the persistence context does not see).
     */
    private void settle(QuarantinedMessage m, Instant now) {
        if (quarantine.stillHeldFor(m.id()) == 0) {
            m.releasedCompletely(now);
        }
    }

    /**
     * Adds the sender to the email user's list, or else the domain's; an existing entry is kept.
     */
    private String list(
            Visibility visibility, QuarantinedMessage m, FilterListEntry.ListAction action) {
        if (m.sender().isEmpty()) {
            throw new InvalidRequest(
                    "held message " + m.id() + " has the null sender; there is nothing to list");
        }
        FilterListEntry.OwnerType type =
                visibility.address() != null
                        ? FilterListEntry.OwnerType.USER
                        : FilterListEntry.OwnerType.DOMAIN;
        String owner = visibility.address() != null ? visibility.address() : m.domain();
        FilterListEntry entry =
                new FilterListEntry(
                        type, owner, action, FilterListEntry.MatchOn.SENDER, m.sender());
        boolean exists =
                filterSettings.listEntries(type, owner).stream().anyMatch(entry::sameRuleAs);
        if (!exists) {
            filterSettings.add(entry);
            domains.markChanged();
            filterConfiguration.invalidate();
        }
        return (action == FilterListEntry.ListAction.ALLOW ? "allow" : "block")
                + "-listed "
                + m.sender()
                + " for "
                + owner;
    }

    private static String trainingScope(QuarantinedMessage m) {
        return m.domain() == null ? "" : m.domain();
    }
}
