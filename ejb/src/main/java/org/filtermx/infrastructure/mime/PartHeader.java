package org.filtermx.infrastructure.mime;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * What one entity's header says about presenting its body: the declared Content-Type and the
 * Content-Disposition (RFC 2183), from which the file name and the attachment decision follow.
 */
final class PartHeader {

    private String contentType;
    private String contentDisposition;
    private int fieldCount;

    /** Counts one field and remembers it when it decides presentation; the first of each wins. */
    void add(String name, String value) {
        fieldCount++;
        String lower = LowerCase.of(name);
        if (lower.equals("content-type") && contentType == null) {
            contentType = value;
        } else if (lower.equals("content-disposition") && contentDisposition == null) {
            contentDisposition = value;
        }
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Whether the sender declared a multipart type, even one Mime4j could not treat as such. */
    boolean declaresMultipart() {
        return declaredType().startsWith("multipart/");
    }

    /** Whether the declared type is one Mime4j descends into: multipart or message/rfc822. */
    boolean declaresContainer() {
        return declaresMultipart() || declaredType().equals("message/rfc822");
    }

    private String declaredType() {
        return contentType == null ? "" : MimeParameters.parse(contentType).value();
    }

    /**
     * The file name: the disposition's {@code filename} (RFC 2183 section 2.3), else the
     * Content-Type's legacy {@code name}; empty when there is none.
     */
    String filename() {
        String name =
                MimeParameters.parse(contentDisposition)
                        .get("filename")
                        .or(() -> MimeParameters.parse(contentType).get("name"))
                        .orElse("");
        return name.strip();
    }

    boolean isAttachmentDisposition() {
        return contentDisposition != null
                && MimeParameters.parse(contentDisposition).value().equals("attachment");
    }
}
