package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/** One held message as listings show it. */
public record QuarantineEntry(
        long id,
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
        long size,
        Instant receivedAt,
        Instant expiresAt) {}
