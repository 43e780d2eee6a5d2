package org.filtermx.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.filtermx.domain.model.quarantine.QuarantineAuditEntry;
import org.filtermx.domain.model.shared.ColumnText;

/** The stored form of a {@link QuarantineAuditEntry}. */
@Entity
@Table(name = "quarantine_audit")
public class QuarantineAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "quarantine_id", nullable = false)
    private long quarantineId;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "domain", length = 253)
    private String domain;

    @Column(name = "action", nullable = false, length = 32)
    private String action;

    @Column(name = "recipient", length = 320)
    private String recipient;

    @Column(name = "actor", nullable = false, length = 320)
    private String actor;

    @Column(name = "actor_address", length = 45)
    private String actorAddress;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "detail", length = 512)
    private String detail;

    protected QuarantineAudit() {}

    static QuarantineAudit of(QuarantineAuditEntry e) {
        QuarantineAudit a = new QuarantineAudit();
        a.quarantineId = e.quarantineId();
        a.logId = e.logId();
        a.domain = e.domain();
        a.action = e.action();
        a.recipient = ColumnText.fit(e.recipient(), 320);
        a.actor = ColumnText.fit(e.actor(), 320);
        a.actorAddress = ColumnText.fit(e.actorAddress(), 45);
        a.occurredAt = e.occurredAt();
        a.detail = ColumnText.fit(e.detail(), 512);
        return a;
    }

    QuarantineAuditEntry entry() {
        return new QuarantineAuditEntry(
                quarantineId,
                logId,
                domain,
                action,
                recipient,
                actor,
                actorAddress,
                occurredAt,
                detail);
    }
}
