package org.filtermx.web.api.upload;

/**
 * The upload is not framed as its type says (no mbox "From " line first, no multipart boundary, a
 * part cut off): the messages read before it stand, nothing after it can be told apart.
 */
public final class MalformedUpload extends Exception {

    public MalformedUpload(String message) {
        super(message);
    }
}
