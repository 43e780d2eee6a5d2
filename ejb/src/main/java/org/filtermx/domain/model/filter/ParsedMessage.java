package org.filtermx.domain.model.filter;

import java.util.List;
import java.util.Optional;

/**
 * A message as the scanners see it, parsed once with bounded work: the top-level header fields in
 * order, the decoded text of its text/plain and text/html parts (each capped), its attachments, and
 * what the parser noticed about its structure.
 *
 * @param textBody decoded text/plain content, parts joined by a blank line, capped
 * @param htmlBody decoded text/html content, capped
 * @param partCount MIME parts seen
 * @param maxDepth deepest multipart nesting seen
 * @param problems structure problems by short name (e.g. {@code MIME_NESTING_LIMIT}, {@code
 *     PART_COUNT_LIMIT}, {@code DECODED_SIZE_LIMIT}, {@code MALFORMED_MIME})
 */
public record ParsedMessage(
        List<HeaderField> headers,
        String textBody,
        String htmlBody,
        List<Attachment> attachments,
        int partCount,
        int maxDepth,
        List<String> problems) {

    public ParsedMessage {
        headers = List.copyOf(headers);
        textBody = textBody == null ? "" : textBody;
        htmlBody = htmlBody == null ? "" : htmlBody;
        attachments = List.copyOf(attachments);
        problems = List.copyOf(problems);
    }

    /** The first value of the named header field. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.named(name)).map(HeaderField::value).findFirst();
    }

    /** Every value of the named header field, in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.named(name)).map(HeaderField::value).toList();
    }
}
