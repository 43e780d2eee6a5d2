package org.filtermx.infrastructure.filter.content;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/** Builds the messages scanners see, from raw text or from ready-made attachments. */
final class Messages {

    private Messages() {}

    static MessageUnderScan raw(String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        return underScan(raw, MimeMessageParser.withDefaults().parse(raw));
    }

    static MessageUnderScan withAttachments(Attachment... attachments) {
        ParsedMessage parsed =
                new ParsedMessage(List.of(), "", "", List.of(attachments), 1, 1, List.of());
        return underScan(new byte[0], parsed);
    }

    static Attachment file(String name, byte[] content) {
        return new Attachment(name, "application/octet-stream", content.length, content, false);
    }

    private static MessageUnderScan underScan(byte[] raw, ParsedMessage parsed) {
        return new MessageUnderScan(
                "192.0.2.10",
                "mail.example.org",
                "sender@example.org",
                List.of("user@example.net"),
                "example.net",
                raw,
                parsed);
    }
}
