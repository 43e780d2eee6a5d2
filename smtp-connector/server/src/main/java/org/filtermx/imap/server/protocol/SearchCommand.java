package org.filtermx.imap.server.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.server.ImapServerSettings;

/**
 * SEARCH and UID SEARCH (RFC 3501 sections 6.4.4 and 6.4.8). Criteria on flags, numbers and UIDs
 * are answered from the snapshot; header criteria fetch header sections and body criteria whole
 * messages, in batches, so memory stays bounded in large folders.
 */
final class SearchCommand {

    private final SessionState state;

    SearchCommand(SessionState state) {
        this.state = state;
    }

    void run(String tag, boolean uid, CommandCursor in, ResponseOutput out) throws BadCommand {
        Snapshot selected = state.selected();
        in.space();
        if (in.skipKeyword("CHARSET ")) {
            String charset = in.astring().toUpperCase(Locale.ROOT);
            if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
                out.line(tag + " NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
                return;
            }
            in.space();
        }
        SearchKey key = new SearchParser(in, selected).program();
        search(tag, uid, key, out, selected);
    }

    private void search(
            String tag, boolean uid, SearchKey key, ResponseOutput out, Snapshot selected) {
        StringBuilder result = new StringBuilder("* SEARCH");
        int size = selected.size();
        if (key.need() == FetchRequest.Need.NONE) {
            for (int i = 0; i < size; i++) {
                SearchCandidate c =
                        new SearchCandidate(i, selected.uid(i), selected.flags(i), null, true);
                if (key.matches(c)) {
                    append(result, uid, selected, i);
                }
            }
        } else {
            boolean content = key.need() == FetchRequest.Need.CONTENT;
            int batch = content ? FetchCommand.CONTENT_BATCH : ImapServerSettings.BATCH;
            for (int from = 0; from < size; from += batch) {
                int to = Math.min(size, from + batch);
                long[] uids = new long[to - from];
                for (int i = from; i < to; i++) {
                    uids[i - from] = selected.uid(i);
                }
                List<ImapMessage> found =
                        state.endpoint.fetch(state.session(), selected.mailbox(), uids, content);
                Map<Long, ImapMessage> byUid = new HashMap<>(found.size() * 2);
                for (ImapMessage message : found) {
                    if (message.content() != null) {
                        byUid.put(message.uid(), message);
                    }
                }
                for (int i = from; i < to; i++) {
                    ImapMessage message = byUid.get(selected.uid(i));
                    if (message != null
                            && key.matches(
                                    new SearchCandidate(
                                            i,
                                            selected.uid(i),
                                            selected.flags(i),
                                            message,
                                            !content))) {
                        append(result, uid, selected, i);
                    }
                }
            }
        }
        out.line(result.toString());
        out.line(tag + " OK " + (uid ? "UID SEARCH" : "SEARCH") + " completed");
    }

    private static void append(StringBuilder result, boolean uid, Snapshot selected, int index) {
        result.append(' ').append(uid ? selected.uid(index) : index + 1);
    }
}
