package org.filtermx.web.api.upload;

import java.io.IOException;
import java.io.InputStream;

/** The messages of a bulk training upload, read one at a time from the request body. */
public interface MessageUpload {

    /**
     * The next message, or null after the last.
     *
     * @throws MalformedUpload when the framing is broken; no more messages can be read
     * @throws IOException when the body cannot be read
     */
    UploadedMessage next() throws IOException, MalformedUpload;

    /** Whether {@code boundary} is a multipart boundary RFC 2046 allows (1 to 70 characters). */
    static boolean validBoundary(String boundary) {
        return MultipartUpload.validBoundary(boundary);
    }

    /** An mbox body ({@code application/mbox}, RFC 4155). */
    static MessageUpload mbox(InputStream body, long maxMessage) {
        return new MboxUpload(new ByteSource(body), maxMessage);
    }

    /** A {@code multipart/mixed} body with this boundary, each part a message (RFC 2046). */
    static MessageUpload multipart(InputStream body, String boundary, long maxMessage) {
        return new MultipartUpload(new ByteSource(body), boundary, maxMessage);
    }
}
