package org.filtermx.imap.server.protocol;

import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.server.message.ParsedMessage;

/**
 * One message as SEARCH tests it: its place in the snapshot, its flags, and (when a key needs it)
 * the message from the endpoint, parsed on first use.
 */
final class SearchCandidate {

    final int index;
    final long uid;
    final int flags;
    final ImapMessage message;
    private ParsedMessage parsed;

    private final boolean headerOnly;

    SearchCandidate(int index, long uid, int flags, ImapMessage message, boolean headerOnly) {
        this.headerOnly = headerOnly;
        this.index = index;
        this.uid = uid;
        this.flags = flags;
        this.message = message;
    }

    ParsedMessage parsed() {
        if (parsed == null) {
            parsed = ParsedMessage.parse(message.content(), headerOnly);
        }
        return parsed;
    }
}
