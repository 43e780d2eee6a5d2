package org.filtermx.domain.model.filter;

/**
 * A MIME part that is not shown inline text: a file name (decoded, may be empty), the declared
 * content type, the decoded size, and the decoded bytes up to the parser's per-part cap.
 *
 * @param truncated whether {@code content} stops short of {@code size}
 */
public record Attachment(
        String filename, String contentType, long size, byte[] content, boolean truncated) {}
