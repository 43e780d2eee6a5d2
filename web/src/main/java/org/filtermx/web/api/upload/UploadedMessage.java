package org.filtermx.web.api.upload;

/**
 * One message of an upload: its bytes, or why it is left out (too large, empty, not a message).
 *
 * @param index its position in the upload, from 0
 * @param content the raw message, null when left out
 * @param problem why it is left out, null when it is to be trained
 */
public record UploadedMessage(int index, byte[] content, String problem) {

    static UploadedMessage of(int index, byte[] content) {
        return new UploadedMessage(index, content, null);
    }

    static UploadedMessage skipped(int index, String problem) {
        return new UploadedMessage(index, null, problem);
    }
}
