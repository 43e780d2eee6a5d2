package org.filtermx.domain.model.spool;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.shared.ColumnText;

/**
 * A message in the durable spool, bound for the servers of one target domain, and the rules of its
 * delivery: each recipient goes from pending to delivered or failed once and never back, a message
 * whose time in the queue ran out fails its pending recipients, and a message with no pending
 * recipient is finished (its rows are then deleted, ADR 0012). A node takes a lease on it before
 * delivering, so that nodes sharing the spool never deliver it twice at once.
 *
 * <p>The table's {@code state} column is no longer read: every row is queued, since finished
 * messages are deleted (migration V8); intake still writes {@code QUEUED} into it.
 */
@Entity
@Table(name = "spool_message")
@NamedQuery(
        name = "SpooledMessage.findDue",
        query =
                "SELECT m.id FROM SpooledMessage m WHERE m.nextAttemptAt <= :now"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)"
                        + " ORDER BY m.nextAttemptAt")
@NamedQuery(
        name = "SpooledMessage.claim",
        query =
                "UPDATE SpooledMessage m SET m.leaseOwner = :owner, m.leaseUntil = :until"
                        + " WHERE m.id = :id AND m.nextAttemptAt <= :now"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
@NamedQuery(
        name = "SpooledMessage.releaseLeasesOf",
        query =
                "UPDATE SpooledMessage m SET m.leaseOwner = NULL, m.leaseUntil = NULL"
                        + " WHERE m.leaseOwner = :owner")
public class SpooledMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "queue_id", nullable = false, length = 64)
    private String queueId;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "target_domain", nullable = false, length = 253)
    private String targetDomain;

    @Column(name = "sender", nullable = false, length = 320)
    private String sender;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "lease_owner", length = 64)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_reply", length = 512)
    private String lastReply;

    /**
     * In envelope order; written with the message by its repository, never through this mapping.
     */
    @OneToMany
    @JoinColumn(name = "spool_id", insertable = false, updatable = false)
    @OrderBy("id")
    private List<SpoolRecipient> recipients = new ArrayList<>();

    protected SpooledMessage() {}

    public SpooledMessage(
            String queueId,
            long logId,
            String targetDomain,
            String sender,
            long size,
            Instant createdAt,
            Duration lifetime,
            Map<String, String> recipients) {
        this.queueId = queueId;
        this.logId = logId;
        this.targetDomain = targetDomain;
        this.sender = sender;
        this.size = size;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
        this.expiresAt = createdAt.plus(lifetime);
        recipients.forEach(
                (address, original) -> this.recipients.add(new SpoolRecipient(address, original)));
    }

    /** Holds the message for {@code owner}'s delivery attempt until {@code until}. */
    public void leaseTo(String owner, Instant until) {
        leaseOwner = owner;
        leaseUntil = until;
    }

    /** Its recipients, in envelope order. */
    public List<SpoolRecipient> recipients() {
        return Collections.unmodifiableList(recipients);
    }

    /** The addresses still waiting for delivery, in envelope order. */
    public List<String> pendingAddresses() {
        return recipients.stream()
                .filter(SpoolRecipient::pending)
                .map(SpoolRecipient::address)
                .toList();
    }

    /** Whether {@code address} is a recipient still waiting for delivery. */
    public boolean awaits(String address) {
        return recipients.stream().anyMatch(r -> r.pending() && r.address().equals(address));
    }

    /** Whether no recipient has been delivered or has failed yet. */
    public boolean untouched() {
        return recipients.stream().allMatch(SpoolRecipient::pending);
    }

    /** The destination accepted the message for a pending recipient; that recipient is done. */
    public SpoolRecipient recordDelivered(String address, String reply) {
        SpoolRecipient r = recipient(address);
        r.move(RecipientState.DELIVERED, reply);
        return r;
    }

    /**
     * A pending recipient got a temporary answer: it stays pending, with the reply kept for the
     * report should its retries run out. Unknown and finished recipients are refused, as by the
     * other {@code record} methods.
     */
    public SpoolRecipient recordTemporaryFailure(String address, String reply) {
        SpoolRecipient r = recipient(address);
        r.move(RecipientState.PENDING, reply);
        return r;
    }

    /** A pending recipient got a permanent answer: it has bounced and is done. */
    public SpoolRecipient recordPermanentFailure(String address, String reply) {
        SpoolRecipient r = recipient(address);
        r.move(RecipientState.FAILED, reply);
        return r;
    }

    /**
     * Fails every pending recipient when the message's time in the queue has run out at {@code
     * now}; returns those recipients (none while time is left or nothing is pending).
     */
    public List<SpoolRecipient> expire(Instant now) {
        if (!expiredAt(now)) {
            return List.of();
        }
        List<SpoolRecipient> expired = recipients.stream().filter(SpoolRecipient::pending).toList();
        expired.forEach(SpoolRecipient::expire);
        return expired;
    }

    /** Whether every recipient is delivered or has failed, so that nothing is left to try. */
    public boolean isFinished() {
        return recipients.stream().noneMatch(SpoolRecipient::pending);
    }

    /** Whether any recipient has failed (bounced or expired). */
    public boolean hasFailures() {
        return recipients.stream().anyMatch(r -> r.state() == RecipientState.FAILED);
    }

    /**
     * Schedules the next try after an attempt that left recipients pending, and gives up the lease;
     * a finished message has nothing left to try.
     */
    public void deferUntil(Instant next, String reply) {
        if (isFinished()) {
            throw new SpoolTransitionRefused(
                    "spooled message " + queueId + " is finished; it cannot be deferred");
        }
        attempts++;
        nextAttemptAt = next;
        lastReply = ColumnText.fit(reply, 512);
        leaseOwner = null;
        leaseUntil = null;
    }

    private boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Long id() {
        return id;
    }

    /**
     * Gives a new message the id the database generated, for a repository that inserts it with
     * plain JDBC rather than {@code persist} (the intake path, once per message).
     */
    public void assignId(long generated) {
        if (id != null) {
            throw new IllegalStateException("spooled message " + id + " already has an id");
        }
        id = generated;
        recipients.forEach(r -> r.belongTo(generated));
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public String queueId() {
        return queueId;
    }

    public long logId() {
        return logId;
    }

    public String targetDomain() {
        return targetDomain;
    }

    public String sender() {
        return sender;
    }

    public int attempts() {
        return attempts;
    }

    public long size() {
        return size;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String lastReply() {
        return lastReply;
    }

    private SpoolRecipient recipient(String address) {
        for (SpoolRecipient r : recipients) {
            if (r.address().equals(address)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                address + " is not a recipient of spooled message " + queueId);
    }
}
