package org.filtermx.domain.model.quarantine;

import java.time.Instant;

/**
 * One held message of a folder with its bytes as they would have been delivered and one login's
 * flags, for a mail client's FETCH.
 */
public record MailboxMessage(long id, Instant createdAt, int flags, byte[] content) {}
