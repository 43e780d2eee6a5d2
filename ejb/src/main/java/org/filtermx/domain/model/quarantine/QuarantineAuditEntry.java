package org.filtermx.domain.model.quarantine;

import java.time.Instant;

/** One action on a held message: who did what, when, from which address. */
public record QuarantineAuditEntry(
        long quarantineId,
        long logId,
        String domain,
        String action,
        String recipient,
        String actor,
        String actorAddress,
        Instant occurredAt,
        String detail) {}
