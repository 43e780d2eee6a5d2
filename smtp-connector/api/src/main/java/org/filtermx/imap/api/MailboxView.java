package org.filtermx.imap.api;

import java.util.Objects;

/**
 * What a folder holds for a login right now (SELECT, EXAMINE, STATUS, and the connector's polls for
 * NOOP and IDLE): its UIDs in ascending order with their flags (parallel arrays), UIDVALIDITY and
 * UIDNEXT (RFC 3501 section 2.3.1.1; both stable across restarts and nodes), and whether the login
 * may change it. Built for large folders: no message content, a few bytes per message.
 *
 * <p>A refused view ({@code reply} not OK: no such folder, not allowed, trouble) has no messages.
 */
public record MailboxView(
        ImapReply reply,
        String name,
        long uidValidity,
        long uidNext,
        boolean readOnly,
        long[] uids,
        int[] flags) {

    public MailboxView {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(uids, "uids");
        Objects.requireNonNull(flags, "flags");
        if (uids.length != flags.length) {
            throw new IllegalArgumentException("one flags value per uid");
        }
    }

    public static MailboxView refused(ImapReply reply) {
        return new MailboxView(reply, null, 0, 0, true, new long[0], new int[0]);
    }

    public int size() {
        return uids.length;
    }
}
