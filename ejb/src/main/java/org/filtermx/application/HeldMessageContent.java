package org.filtermx.application;

import java.util.List;

/**
 * What a held message says, for the console and the API to show without parsing MIME themselves:
 * its main header fields decoded, the text to preview (never markup) and its attachments.
 *
 * @param headers From, To, Cc, Reply-To, Date and Subject as present, in that order, decoded
 * @param text the plain-text part, or else the visible text of the HTML part, cut to a preview
 * @param attachments the parts that are not shown inline, by file name, type and decoded size
 */
public record HeldMessageContent(List<Header> headers, String text, List<Attachment> attachments) {

    /** One header field, its value decoded (RFC 2047) for display. */
    public record Header(String name, String value) {}

    /** One attachment; {@code filename} may be empty. */
    public record Attachment(String filename, String contentType, long size) {}

    public HeldMessageContent {
        headers = List.copyOf(headers);
        attachments = List.copyOf(attachments);
    }
}
