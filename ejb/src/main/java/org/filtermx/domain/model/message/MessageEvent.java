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
import org.filtermx.domain.model.shared.ColumnText;

/**
 * One step in a logged message's history: acceptance, a delivery attempt and its reply, a bounce.
 */
@Entity
@Table(name = "message_event")
@NamedQuery(
        name = "MessageEvent.findByLogId",
        query = "SELECT e FROM MessageEvent e WHERE e.logId = :logId ORDER BY e.occurredAt, e.id")
public class MessageEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private MessageStatus status;

    @Column(name = "remote", length = 255)
    private String remote;

    @Column(name = "detail", length = 1000)
    private String detail;

    protected MessageEvent() {}

    public MessageEvent(
            long logId, Instant occurredAt, MessageStatus status, String remote, String detail) {
        this.logId = logId;
        this.occurredAt = occurredAt;
        this.status = status;
        this.remote = ColumnText.fit(remote, 255);
        this.detail = ColumnText.fit(detail, 1000);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public MessageStatus status() {
        return status;
    }

    public String remote() {
        return remote;
    }

    public String detail() {
        return detail;
    }
}
