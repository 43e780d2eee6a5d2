package org.filtermx.domain.model.quarantine;

import java.time.Instant;

/**
 * One held message of a folder with one login's flags, for a mail client's FETCH: its bytes as they
 * would have been delivered ({@code size} of them), or only their first octets when {@code content}
 * is shorter than {@code size} (what a header fetch reads).
 */
public record MailboxMessage(long id, Instant createdAt, int flags, long size, byte[] content) {

    /** Whether {@code content} is the whole message. */
    public boolean whole() {
        return content.length >= size;
    }
}
