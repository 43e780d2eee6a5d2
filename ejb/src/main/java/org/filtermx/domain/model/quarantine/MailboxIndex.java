package org.filtermx.domain.model.quarantine;

import java.util.Objects;

/**
 * The ids of a folder's held messages in ascending order with one login's flags for each (parallel
 * arrays): all a mail client needs to open a folder, a dozen bytes per message.
 */
public record MailboxIndex(long[] ids, int[] flags) {

    public static final MailboxIndex EMPTY = new MailboxIndex(new long[0], new int[0]);

    public MailboxIndex {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(flags, "flags");
        if (ids.length != flags.length) {
            throw new IllegalArgumentException("one flags value per id");
        }
    }

    public int size() {
        return ids.length;
    }
}
