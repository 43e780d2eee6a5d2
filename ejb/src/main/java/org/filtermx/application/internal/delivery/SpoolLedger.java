package org.filtermx.application.internal.delivery;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.message.LogOutcome;
import org.filtermx.domain.model.message.MessageBodyRepository;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.spool.SpoolRecipient;
import org.filtermx.domain.model.spool.SpoolRepository;
import org.filtermx.domain.model.spool.SpooledMessage;

/**
 * The transactional half of delivery: takes a message's lease and reads it, then records what an
 * attempt achieved in one commit: the spooled message applies the outcome to its recipients and
 * decides whether it expired or finished; this class writes the log events, the retry time, the
 * bounce and the deletion. The SMTP conversation itself happens between the two, outside any
 * transaction.
 */
@Stateless
public class SpoolLedger {

    @Inject private SpoolRepository spool;
    @Inject private MessageLogRepository log;
    @Inject private InstallationSettings settings;
    @Inject private Bounces bounces;
    @Inject private MessageBodyRepository bodies;
    @Inject private DeliveryCounts counts = new DeliveryCounts();

    /** Leases a due message to this node; empty when another node has it or it is finished. */
    public Optional<PendingDelivery> claim(long spoolId) {
        Instant now = Instant.now();
        Instant leaseUntil = now.plus(settings.deliveryLease());
        if (!spool.claim(spoolId, settings.nodeName(), now, leaseUntil)) {
            return Optional.empty();
        }
        SpooledMessage m = spool.find(spoolId).orElseThrow();
        List<String> pending = m.pendingAddresses();
        return Optional.of(
                new PendingDelivery(
                        spoolId,
                        m.queueId(),
                        m.logId(),
                        m.sender(),
                        m.targetDomain(),
                        pending,
                        spool.contentOf(spoolId),
                        m.untouched(),
                        m.createdAt()));
    }

    /**
     * Records the outcome of an attempt; {@code results} has one entry per pending recipient. A
     * message delivered to each recipient goes to {@link #finishDelivered} instead (through {@code
     * FinishedDeliveries}). Returns the recipients given up on because the message expired.
     */
    public Set<String> settle(PendingDelivery d, List<RecipientResult> results, String remote) {
        Instant now = Instant.now();
        SpooledMessage m = spool.find(d.spoolId()).orElseThrow();
        Map<String, RecipientResult> byAddress =
                results.stream()
                        .collect(
                                Collectors.toMap(
                                        RecipientResult::recipient,
                                        Function.identity(),
                                        (a, b) -> b));
        List<SpoolRecipient> failedNow = new ArrayList<>();
        // Only recipients still pending: one another node finished after this node's lease ran out
        // keeps that node's outcome.
        for (String address : m.pendingAddresses()) {
            RecipientResult result = byAddress.get(address);
            if (result == null) {
                continue;
            }
            switch (result.status()) {
                case DELIVERED -> {
                    m.recordDelivered(address, result.reply());
                    log.record(
                            d.logId(),
                            MessageStatus.DELIVERED,
                            remote,
                            address + ": " + result.reply());
                }
                case PERMANENT -> {
                    failedNow.add(m.recordPermanentFailure(address, result.reply()));
                    log.record(
                            d.logId(),
                            MessageStatus.BOUNCED,
                            remote,
                            address + ": " + result.reply());
                }
                case TEMPORARY -> {
                    m.recordTemporaryFailure(address, result.reply());
                    log.record(
                            d.logId(),
                            MessageStatus.DEFERRED,
                            remote,
                            address + ": " + result.reply());
                }
            }
        }
        List<SpoolRecipient> expired = m.expire(now);
        Set<String> expiredAddresses = new HashSet<>();
        expired.forEach(r -> expiredAddresses.add(r.address()));
        if (!expired.isEmpty()) {
            failedNow.addAll(expired);
            log.record(
                    d.logId(),
                    MessageStatus.BOUNCED,
                    remote,
                    "gave up: message expired after " + settings.queueLifetime() + " in the queue");
        }
        if (!failedNow.isEmpty()) {
            counts.bounced(failedNow.size());
            bounces.notifySender(m, d.content(), failedNow, remote, now);
        }
        if (m.isFinished()) {
            spool.removeAll(List.of(d.spoolId()));
            if (d.content().shared()) {
                bodies.removeUnreferenced(List.of(d.content().bodyId()));
            }
            boolean anyFailed = m.hasFailures();
            log.record(
                    d.logId(),
                    anyFailed ? MessageStatus.BOUNCED : MessageStatus.DELIVERED,
                    remote,
                    anyFailed ? "finished with failures" : "delivered to every recipient");
        } else {
            RetrySchedule schedule =
                    new RetrySchedule(settings.minimalBackoff(), settings.maximalBackoff());
            Instant next = schedule.next(now, m.attempts() + 1);
            String summary = results.isEmpty() ? "no recipients" : results.get(0).reply();
            m.deferUntil(next, summary);
            log.record(
                    d.logId(),
                    MessageStatus.DEFERRED,
                    remote,
                    m.pendingAddresses().size()
                            + " recipient(s) deferred, next attempt at "
                            + next);
        }
        return expiredAddresses;
    }

    /** An attempt that delivered a whole message to every recipient. */
    record Delivered(PendingDelivery message, List<RecipientResult> results, String remote) {}

    /**
     * The common case, for several messages at once: every recipient took each message on this
     * attempt, so the spool rows go (with their bytes and recipients, one statement) and the log
     * gets one event per recipient and its new status (two batched statements), without reading
     * anything back. Bodies shared with other domains' parts go in one more statement when no part
     * needs them any more (ADR 0015); single-domain messages have none.
     */
    public void finishDelivered(List<Delivered> finished) {
        spool.removeAll(finished.stream().map(f -> f.message().spoolId()).toList());
        List<Long> shared =
                finished.stream()
                        .map(f -> f.message().content())
                        .filter(StoredContent::shared)
                        .map(StoredContent::bodyId)
                        .toList();
        bodies.removeUnreferenced(shared);
        List<LogOutcome> outcomes = new ArrayList<>(finished.size());
        for (Delivered f : finished) {
            List<String> details =
                    f.results().stream().map(r -> r.recipient() + ": " + r.reply()).toList();
            outcomes.add(
                    new LogOutcome(
                            f.message().logId(),
                            MessageStatus.DELIVERED,
                            f.remote(),
                            details,
                            details.size() == 1 ? details.get(0) : "delivered to every recipient"));
        }
        log.recordOutcomes(outcomes);
    }

    /** Whether this attempt finished the message by delivering it to each of its recipients. */
    static boolean deliveredToEach(PendingDelivery d, List<RecipientResult> results) {
        return d.whole()
                && results.size() == d.recipients().size()
                && results.stream().allMatch(r -> r.status() == DeliveryStatus.DELIVERED);
    }

    /** Gives back leases this node took but did not use, so that the queue scan finds them due. */
    public void releaseLeases(List<Long> spoolIds) {
        spool.releaseLeases(spoolIds, settings.nodeName());
    }

    public List<Long> findDue(int max) {
        return spool.findDue(Instant.now(), max);
    }

    public int releaseLeasesOf(String node) {
        return spool.releaseLeasesOf(node);
    }
}
