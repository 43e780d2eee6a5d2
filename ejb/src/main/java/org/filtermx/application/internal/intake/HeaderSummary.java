package org.filtermx.application.internal.intake;

import java.nio.charset.StandardCharsets;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The few header facts the gateway needs (Message-ID and Subject for the log, the number of
 * Received fields for loop detection), read from the header section of raw message bytes without
 * parsing the body.
 */
public record HeaderSummary(String messageId, String subject, int receivedCount) {

    /** The summary of {@code message}, its Subject decoded by {@code words} (RFC 2047). */
    public static HeaderSummary of(byte[] message, EncodedWordDecoder words) {
        String messageId = null;
        String subject = null;
        int received = 0;
        int end = headerEnd(message);
        String headers = new String(message, 0, end, StandardCharsets.ISO_8859_1);
        // Unfold continuation lines (RFC 5322 section 2.2.3) before reading fields.
        for (String field : headers.replaceAll("\r\n[ \t]+", " ").split("\r\n")) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = LowerCase.of(field.substring(0, colon).strip());
            String value = field.substring(colon + 1).strip();
            if (name.equals("received")) {
                received++;
            } else if (name.equals("message-id") && messageId == null) {
                messageId = value.replaceAll("^<|>$", "");
            } else if (name.equals("subject") && subject == null) {
                subject =
                        words.decode(
                                new String(
                                        value.getBytes(StandardCharsets.ISO_8859_1),
                                        StandardCharsets.UTF_8));
            }
        }
        return new HeaderSummary(messageId, subject, received);
    }

    /** Offset of the blank line that ends the header section, or the message length. */
    public static int headerEnd(byte[] m) {
        if (m.length >= 2 && m[0] == '\r' && m[1] == '\n') {
            return 0;
        }
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 2;
            }
        }
        return m.length;
    }
}
