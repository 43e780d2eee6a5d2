package org.filtermx.infrastructure.mime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * Collects what the parser keeps of one message, holding the joined text and HTML bodies to the
 * text cap, and builds the {@link ParsedMessage} once parsing ends.
 */
final class MessageAssembly {

    private static final String PART_SEPARATOR = "\r\n\r\n";

    private final int textCap;
    private final List<HeaderField> headers = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final List<Attachment> attachments = new ArrayList<>();
    private final Set<MimeProblem> problems = EnumSet.noneOf(MimeProblem.class);
    private int partCount;
    private int maxDepth;

    MessageAssembly(int textCap) {
        this.textCap = textCap;
    }

    void header(String name, String value) {
        headers.add(new HeaderField(name, value));
    }

    void text(String part) {
        append(text, part);
    }

    void html(String part) {
        append(html, part);
    }

    void attachment(Attachment attachment) {
        attachments.add(attachment);
    }

    void problem(MimeProblem problem) {
        problems.add(problem);
    }

    /** Counts one more entity and says how many have been seen. */
    int countPart() {
        return ++partCount;
    }

    void reachedDepth(int depth) {
        maxDepth = Math.max(maxDepth, depth);
    }

    ParsedMessage build() {
        return new ParsedMessage(
                headers,
                text.toString(),
                html.toString(),
                attachments,
                partCount,
                maxDepth,
                problems.stream().map(Enum::name).toList());
    }

    private void append(StringBuilder body, String part) {
        if (!body.isEmpty() && body.length() < textCap) {
            body.append(PART_SEPARATOR);
        }
        int room = textCap - body.length();
        if (room > 0) {
            body.append(part, 0, Math.min(room, part.length()));
        }
    }
}
