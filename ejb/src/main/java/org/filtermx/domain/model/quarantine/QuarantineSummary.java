package org.filtermx.domain.model.quarantine;

import java.time.Instant;

/** What a listing shows of a held message: everything but its bytes. */
public record QuarantineSummary(
        long id,
        String queueId,
        long logId,
        String domain,
        String direction,
        String sender,
        String recipients,
        String subject,
        String verdict,
        double score,
        String reasons,
        long size,
        Instant createdAt,
        Instant expiresAt,
        Instant releasedAt) {}
