package org.filtermx.infrastructure.mime;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.HeldMessageContent;
import org.filtermx.application.port.MessageReader;
import org.filtermx.domain.model.filter.ParsedMessage;

/**
 * {@link MessageReader} over the one MIME parser ({@link MimeMessageParser}, with the limits the
 * scanners use) and the one HTML reader ({@link HtmlToText}): the preview is the message's
 * plain-text part, or else the visible text of its HTML part, cut at {@value
 * HtmlToText#PREVIEW_MAX_CHARS} characters.
 */
@ApplicationScoped
public class MimeMessageReader implements MessageReader {

    /** The header fields shown, in this order. */
    static final List<String> SHOWN = List.of("From", "To", "Cc", "Reply-To", "Date", "Subject");

    private final MimeMessageParser parser = MimeMessageParser.withDefaults();

    @Override
    public HeldMessageContent read(byte[] raw) {
        ParsedMessage parsed = parser.parse(raw);
        List<HeldMessageContent.Header> headers = new ArrayList<>();
        for (String name : SHOWN) {
            for (String value : parsed.headers(name)) {
                headers.add(
                        new HeldMessageContent.Header(
                                name, MimeMessageParser.decodeHeader(value).strip()));
            }
        }
        List<HeldMessageContent.Attachment> attachments =
                parsed.attachments().stream()
                        .map(
                                a ->
                                        new HeldMessageContent.Attachment(
                                                a.filename(), a.contentType(), a.size()))
                        .toList();
        return new HeldMessageContent(headers, preview(parsed), attachments);
    }

    /**
     * The text part, else the HTML part's visible text, cut; or a sentence saying there is none.
     */
    static String preview(ParsedMessage parsed) {
        String text =
                !parsed.textBody().isBlank()
                        ? parsed.textBody()
                        : parsed.htmlBody().isBlank()
                                ? null
                                : HtmlToText.visibleText(parsed.htmlBody());
        if (text == null) {
            return "(This message has no text part to preview.)";
        }
        int max = HtmlToText.PREVIEW_MAX_CHARS;
        return text.length() > max
                ? text.substring(0, max) + "\n[… preview cut at " + max + " characters]"
                : text;
    }
}
