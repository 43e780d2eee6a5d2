package org.filtermx.application.internal.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * The message identifiers named by an {@code In-Reply-To} or {@code References} field (RFC 5322
 * section 3.6.4: {@code msg-id = "<" id-left "@" id-right ">"}), without their angle brackets,
 * found by a linear scan: at most {@link #MAX_IDS} of them, each at most {@link #MAX_LENGTH}
 * characters (the log's column), the field read no further than {@link #MAX_FIELD} characters.
 */
final class MessageIds {

    static final int MAX_IDS = 10;
    static final int MAX_LENGTH = 255;
    static final int MAX_FIELD = 8192;

    private MessageIds() {}

    /**
     * The identifiers in the fields, in order, without duplicates; In-Reply-To first since it names
     * the message answered, then the newest References (they are listed oldest first).
     */
    static List<String> of(String inReplyTo, String references) {
        List<String> ids = new ArrayList<>();
        scan(inReplyTo, ids);
        List<String> refs = new ArrayList<>();
        scan(references, refs);
        for (int i = refs.size() - 1; i >= 0 && ids.size() < MAX_IDS; i--) {
            if (!ids.contains(refs.get(i))) {
                ids.add(refs.get(i));
            }
        }
        return ids.size() > MAX_IDS ? ids.subList(0, MAX_IDS) : ids;
    }

    private static void scan(String field, List<String> into) {
        if (field == null) {
            return;
        }
        int end = Math.min(field.length(), MAX_FIELD);
        int open = -1;
        // References may hold many ids: all are scanned (within MAX_FIELD), the newest kept.
        for (int i = 0; i < end; i++) {
            char c = field.charAt(i);
            if (c == '<') {
                open = i;
            } else if (c == '>' && open >= 0) {
                String id = field.substring(open + 1, i).strip();
                if (!id.isEmpty()
                        && id.length() <= MAX_LENGTH
                        && id.indexOf('@') > 0
                        && !into.contains(id)) {
                    into.add(id);
                }
                open = -1;
            }
        }
    }
}
