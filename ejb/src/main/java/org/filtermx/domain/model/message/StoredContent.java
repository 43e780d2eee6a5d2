package org.filtermx.domain.model.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Objects;

/**
 * The bytes of one stored part of a message: the part's own header lines (its trace and verdict
 * fields) in front of the received message. The parts of a message sent to several hosted domains
 * share one body, stored once ({@code bodyId}, ADR 0015); a part stored on its own has no body id.
 *
 * @param head complete CRLF-terminated header lines, possibly empty
 * @param body the received message (or the whole part when {@code head} is empty)
 * @param bodyId the shared {@code message_body} row, or null when the part holds its bytes alone
 */
public record StoredContent(byte[] head, byte[] body, Long bodyId) {

    private static final byte[] NONE = new byte[0];

    public StoredContent {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
    }

    /** A part whose bytes are all its own. */
    public static StoredContent of(byte[] bytes) {
        return new StoredContent(NONE, bytes, null);
    }

    /** These bytes with the body stored as shared row {@code id}. */
    public StoredContent sharedAs(long id) {
        return new StoredContent(head, body, id);
    }

    public boolean shared() {
        return bodyId != null;
    }

    public long size() {
        return (long) head.length + body.length;
    }

    /** The part as delivered, in one array: for the rare readers that need one (DSN, training). */
    public byte[] bytes() {
        if (head.length == 0) {
            return body;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The part as delivered, as a stream, without copying the body. */
    public InputStream open() {
        return new SequenceInputStream(
                new ByteArrayInputStream(head), new ByteArrayInputStream(body));
    }
}
