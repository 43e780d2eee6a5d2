package org.filtermx.domain.model.quarantine;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.message.MessageBody;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.shared.ColumnText;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A message the filter held: its envelope, what the filter said and the bytes as they would have
 * been delivered, kept until the domain's retention ends. Stored in the database so every node can
 * show and release it. A part of a message held for several domains keeps only its own header lines
 * and shares the received bytes with the other parts ({@code quarantine_body}, ADR 0015).
 */
@Entity
@Table(name = "quarantine_message")
public class QuarantinedMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "queue_id", nullable = false, length = 64)
    private String queueId;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "domain", length = 253)
    private String domain;

    @Column(name = "direction", nullable = false, length = 8)
    private String direction;

    @Column(name = "sender", nullable = false, length = 320)
    private String sender;

    @Column(name = "recipients", nullable = false, length = 4000)
    private String recipients;

    @Column(name = "subject", length = 255)
    private String subject;

    @Column(name = "verdict", nullable = false, length = 16)
    private String verdict;

    @Column(name = "score", nullable = false)
    private double score;

    @Column(name = "reasons", length = 2000)
    private String reasons;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinTable(
            name = "quarantine_body",
            joinColumns = @JoinColumn(name = "quarantine_id"),
            inverseJoinColumns = @JoinColumn(name = "body_id"))
    private MessageBody body;

    protected QuarantinedMessage() {}

    public QuarantinedMessage(
            String queueId,
            long logId,
            String domain,
            String direction,
            String sender,
            List<String> recipients,
            String subject,
            String verdict,
            double score,
            String reasons,
            StoredContent content,
            MessageBody sharedBody,
            Instant createdAt,
            Instant expiresAt) {
        this.queueId = queueId;
        this.logId = logId;
        this.domain = domain;
        this.direction = direction;
        this.sender = LowerCase.of(sender);
        this.recipients = ColumnText.fit(LowerCase.of(String.join(",", recipients)), 4000);
        this.subject = ColumnText.fit(subject, 255);
        this.verdict = verdict;
        this.score = score;
        this.reasons = ColumnText.fit(reasons, 2000);
        if (content.shared() != (sharedBody != null)) {
            throw new IllegalArgumentException("a shared body needs its stored row, and only then");
        }
        this.size = content.size();
        this.content = content.shared() ? content.head() : content.bytes();
        this.body = sharedBody;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long id() {
        return id;
    }

    public String queueId() {
        return queueId;
    }

    public long logId() {
        return logId;
    }

    public String domain() {
        return domain;
    }

    public String direction() {
        return direction;
    }

    public String sender() {
        return sender;
    }

    public List<String> recipients() {
        return List.of(recipients.split(","));
    }

    public String subject() {
        return subject;
    }

    public String verdict() {
        return verdict;
    }

    public double score() {
        return score;
    }

    public String reasons() {
        return reasons;
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

    public Instant releasedAt() {
        return releasedAt;
    }

    /** The bytes as they would have been delivered. */
    public byte[] content() {
        return storedContent().bytes();
    }

    /** The bytes as stored: a shared body stays shared, for a release that spools it again. */
    public StoredContent storedContent() {
        return body == null
                ? StoredContent.of(content)
                : new StoredContent(content, body.content(), body.id());
    }

    /** Marks the message released once it has been released to every recipient. */
    public void releasedCompletely(Instant when) {
        this.releasedAt = when;
    }
}
