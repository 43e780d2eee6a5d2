package org.filtermx.application.internal.submission;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * The header fields a message submission agent adds when the client left them out: {@code Date}
 * (RFC 6409 section 8.3) and {@code Message-ID} (section 8.3 as well). Scripts and devices often
 * send without them; added here, before scanning and signing, the mail is neither scored for the
 * omission nor sent out without them (RFC 5322 section 3.6 requires Date).
 */
final class SubmissionFields {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** The fields added (CRLF-terminated lines, empty when none) and the message as then parsed. */
    record Added(byte[] lines, ParsedMessage parsed) {
        boolean any() {
            return lines.length > 0;
        }
    }

    private SubmissionFields() {}

    static Added complete(ParsedMessage parsed, String hostname, Instant received) {
        List<HeaderField> added = new ArrayList<>(2);
        if (parsed.header("Date").isEmpty()) {
            added.add(
                    new HeaderField("Date", RFC5322_DATE.format(received.atZone(ZoneOffset.UTC))));
        }
        if (parsed.header("Message-ID").isEmpty()) {
            added.add(
                    new HeaderField("Message-ID", "<" + UUID.randomUUID() + "@" + hostname + ">"));
        }
        if (added.isEmpty()) {
            return new Added(new byte[0], parsed);
        }
        StringBuilder lines = new StringBuilder(128);
        for (HeaderField f : added) {
            lines.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        List<HeaderField> headers = new ArrayList<>(added);
        headers.addAll(parsed.headers());
        return new Added(
                lines.toString().getBytes(StandardCharsets.US_ASCII),
                new ParsedMessage(
                        headers,
                        parsed.textBody(),
                        parsed.htmlBody(),
                        parsed.attachments(),
                        parsed.partCount(),
                        parsed.maxDepth(),
                        parsed.problems()));
    }
}
