package org.filtermx.imap.api;

import java.util.Objects;

/**
 * What COPY or MOVE into a folder did (RFC 3501 section 6.4.7, RFC 6851): the reply, and the UIDs
 * that are no longer in the source folder afterwards (the connector sends their EXPUNGE responses;
 * for a MOVE these are the messages moved, for a COPY into {@code Release} the messages released
 * for everyone this login sees them for).
 */
public record CopyResult(ImapReply reply, long[] goneFromSource) {

    public CopyResult {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(goneFromSource, "goneFromSource");
    }
}
