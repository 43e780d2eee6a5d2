package org.filtermx.infrastructure.filter.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * Builds the parsed messages the tests need from header-and-body text, without the MIME parser:
 * unfolds the header, and files the body as HTML or plain text by the top-level Content-Type.
 */
final class TestMessages {

    private TestMessages() {}

    static ParsedMessage parse(String message) {
        return parse(message, List.of());
    }

    static ParsedMessage parse(String message, List<Attachment> attachments) {
        String text = message.replace("\r\n", "\n");
        int split = text.startsWith("\n") ? -1 : text.indexOf("\n\n");
        String head = split < 0 ? "" : text.substring(0, split);
        String body =
                split < 0
                        ? text.substring(text.startsWith("\n") ? 1 : 0)
                        : text.substring(split + 2);
        List<HeaderField> headers = new ArrayList<>();
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                HeaderField last = headers.remove(headers.size() - 1);
                headers.add(new HeaderField(last.name(), last.value() + " " + line.strip()));
            } else if (line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.add(
                        new HeaderField(
                                line.substring(0, colon), line.substring(colon + 1).strip()));
            }
        }
        ParsedMessage probe = new ParsedMessage(headers, "", "", List.of(), 1, 0, List.of());
        boolean html =
                probe.header("Content-Type")
                        .map(v -> v.toLowerCase(Locale.ROOT).startsWith("text/html"))
                        .orElse(false);
        return new ParsedMessage(
                headers,
                html ? "" : body,
                html ? body : "",
                attachments,
                1 + attachments.size(),
                attachments.isEmpty() ? 0 : 1,
                List.of());
    }
}
