package org.filtermx.infrastructure.filter.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;

/** Builds the {@link MessageUnderScan} the gateway would hand a scanner, from raw CRLF text. */
public final class TestMessage {

    private TestMessage() {}

    /** A message from {@code clientIp} whose raw form is {@code raw} (LF turned into CRLF). */
    public static MessageUnderScan of(
            String clientIp, String helo, String reversePath, String raw) {
        String crlf = raw.replace("\r\n", "\n").replace("\n", "\r\n");
        return of(clientIp, helo, reversePath, crlf.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageUnderScan of(
            String clientIp, String helo, String reversePath, byte[] raw) {
        ParsedMessage parsed = new ParsedMessage(headers(raw), "", "", List.of(), 1, 0, List.of());
        return new MessageUnderScan(
                clientIp,
                helo,
                reversePath,
                List.of("user@filtermx.test"),
                "filtermx.test",
                raw,
                parsed);
    }

    /** A message carrying only SMTP facts and a From field. */
    public static MessageUnderScan envelope(String clientIp, String helo, String reversePath) {
        return of(clientIp, helo, reversePath, "From: a@b.example\n\nbody\n");
    }

    /** The unfolded header fields, as the gateway's parser would give them. */
    private static List<HeaderField> headers(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String header = end < 0 ? text : text.substring(0, end);
        List<HeaderField> fields = new ArrayList<>();
        for (String field : header.split("\r\n(?![ \t])")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.add(
                        new HeaderField(
                                field.substring(0, colon).strip(),
                                field.substring(colon + 1).replace("\r\n", "").strip()));
            }
        }
        return fields;
    }
}
