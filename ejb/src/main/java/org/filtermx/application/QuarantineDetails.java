package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * One held message with its recipients' release state and what has been done to it, and, for one
 * held by its score alone, the lowest hold threshold at which it would have been delivered (null
 * otherwise).
 */
public record QuarantineDetails(
        QuarantineEntry message,
        List<Recipient> recipients,
        List<AuditEntry> audit,
        Double deliveredAtThreshold) {

    /** A recipient and when the message was released to it (null: still held). */
    public record Recipient(String address, Instant releasedAt) {}

    /** One action on the message. */
    public record AuditEntry(
            Instant at,
            String action,
            String recipient,
            String actor,
            String actorAddress,
            String detail) {}
}
