package org.filtermx.domain.model.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.shared.ColumnText;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The log record of one message for one domain: envelope, headers worth searching, and where it
 * stands. Every message leaves one, whatever its fate; log search and reports read these.
 */
@Entity
@Table(name = "message_log")
@NamedQuery(
        name = "MessageLogEntry.findByQueueId",
        query = "SELECT m FROM MessageLogEntry m WHERE m.queueId = :queueId")
public class MessageLogEntry {

    private static final int RECIPIENTS_MAX = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "queue_id", nullable = false, length = 64)
    private String queueId;

    @Column(name = "message_id", length = 255)
    private String messageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 8)
    private Direction direction;

    @Column(name = "domain", length = 253)
    private String domain;

    @Column(name = "client_ip", length = 45)
    private String clientIp;

    @Column(name = "helo", length = 255)
    private String helo;

    @Column(name = "sender", nullable = false, length = 320)
    private String sender;

    @Column(name = "recipients", nullable = false, length = RECIPIENTS_MAX)
    private String recipients;

    @Column(name = "subject", length = 255)
    private String subject;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private MessageStatus status;

    @Column(name = "reason", length = 512)
    private String reason;

    @Column(name = "score")
    private Double score;

    @Column(name = "verdict", length = 16)
    private String verdict;

    @Column(name = "verdict_reasons", length = 2000)
    private String verdictReasons;

    /** {@link VerdictFlags} of the recorded verdict; null before one is recorded. */
    @Column(name = "verdict_flags")
    private Integer verdictFlags;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MessageLogEntry() {}

    public MessageLogEntry(
            String queueId,
            Direction direction,
            String domain,
            String clientIp,
            String helo,
            String sender,
            List<String> recipients,
            String messageId,
            String subject,
            long size,
            Instant receivedAt) {
        this.queueId = queueId;
        this.direction = direction;
        this.domain = domain;
        this.clientIp = clientIp;
        this.helo = ColumnText.fit(helo, 255);
        // Addresses are kept lower-case so that log search matches them whatever case was sent.
        this.sender = ColumnText.fit(LowerCase.of(sender), 320);
        this.recipients =
                ColumnText.fit(LowerCase.of(String.join(",", recipients)), RECIPIENTS_MAX);
        this.messageId = ColumnText.fit(messageId, 255);
        this.subject = ColumnText.fit(subject, 255);
        this.size = size;
        this.receivedAt = receivedAt;
        this.status = MessageStatus.ACCEPTED;
        this.updatedAt = receivedAt;
    }

    /** Records the filter's verdict: its action, total score and the reasons that made it. */
    public void recordVerdict(String action, double totalScore, String reasons) {
        this.verdict = action;
        this.score = totalScore;
        this.verdictReasons = ColumnText.fit(reasons, 2000);
        this.verdictFlags = VerdictFlags.of(action, totalScore, verdictReasons);
    }

    public Integer verdictFlags() {
        return verdictFlags;
    }

    public String verdict() {
        return verdict;
    }

    public String verdictReasons() {
        return verdictReasons;
    }

    /** Moves the entry to {@code newStatus}, remembering why. */
    public void changeStatus(MessageStatus newStatus, String why, Instant when) {
        this.status = newStatus;
        this.reason = ColumnText.fit(why, 512);
        this.updatedAt = when;
    }

    public Long id() {
        return id;
    }

    /**
     * Gives a new entry the id the database generated, for a repository that inserts it with plain
     * JDBC rather than {@code persist} (the intake path, once per message).
     */
    public void assignId(long generated) {
        if (id != null) {
            throw new IllegalStateException("log entry " + id + " already has an id");
        }
        id = generated;
    }

    public String queueId() {
        return queueId;
    }

    public String messageId() {
        return messageId;
    }

    public Direction direction() {
        return direction;
    }

    public String domain() {
        return domain;
    }

    public String clientIp() {
        return clientIp;
    }

    public String helo() {
        return helo;
    }

    public String sender() {
        return sender;
    }

    /** The recipients as stored: lower-case, comma-separated, cut to the column's length. */
    public String recipientList() {
        return recipients;
    }

    public List<String> recipients() {
        return recipients.isEmpty() ? List.of() : List.of(recipients.split(","));
    }

    public String subject() {
        return subject;
    }

    public long size() {
        return size;
    }

    public MessageStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Double score() {
        return score;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
