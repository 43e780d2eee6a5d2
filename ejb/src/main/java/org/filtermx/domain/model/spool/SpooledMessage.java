package org.filtermx.domain.model.spool;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.filtermx.domain.model.shared.ColumnText;

/**
 * A message in the durable spool, bound for the servers of one target domain. A node takes a
 * lease on it before delivering, so that nodes sharing the spool never deliver it twice at once.
 */
@Entity
@Table(name = "spool_message")
@NamedQuery(
        name = "SpooledMessage.findDue",
        query =
                "SELECT m.id FROM SpooledMessage m WHERE m.state = :queued"
                        + " AND m.nextAttemptAt <= :now"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)"
                        + " ORDER BY m.nextAttemptAt")
@NamedQuery(
        name = "SpooledMessage.claim",
        query =
                "UPDATE SpooledMessage m SET m.leaseOwner = :owner, m.leaseUntil = :until"
                        + " WHERE m.id = :id AND m.state = :queued AND m.nextAttemptAt <= :now"
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

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private SpoolState state;

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

    protected SpooledMessage() {}

    public SpooledMessage(
            String queueId,
            long logId,
            String targetDomain,
            String sender,
            long size,
            Instant createdAt,
            Duration lifetime) {
        this.queueId = queueId;
        this.logId = logId;
        this.targetDomain = targetDomain;
        this.sender = sender;
        this.size = size;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
        this.expiresAt = createdAt.plus(lifetime);
        this.state = SpoolState.QUEUED;
    }

    /** Holds the message for {@code owner}'s delivery attempt until {@code until}. */
    public void leaseTo(String owner, Instant until) {
        leaseOwner = owner;
        leaseUntil = until;
    }

    /** Schedules the next try after a temporary failure and gives up the lease. */
    public void deferUntil(Instant next, String reply) {
        attempts++;
        nextAttemptAt = next;
        lastReply = ColumnText.fit(reply, 512);
        leaseOwner = null;
        leaseUntil = null;
    }

    public boolean expiredAt(Instant now) {
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

    public SpoolState state() {
        return state;
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
}
