package org.filtermx.imap.api;

import java.util.Objects;

/**
 * The status part of a tagged IMAP response (RFC 3501 section 7.1) that the endpoint decides: OK,
 * NO or BAD, an optional response code without brackets (RFC 5530: {@code AUTHENTICATIONFAILED},
 * {@code UNAVAILABLE}, {@code CANNOT}, {@code NONEXISTENT}, {@code LIMIT}, {@code TRYCREATE}, ...)
 * and human-readable text. The connector adds the tag and the command name where it fits.
 */
public record ImapReply(Status status, String code, String text) {

    public enum Status {
        OK,
        NO,
        BAD
    }

    public ImapReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
        if (code != null
                && (code.isBlank()
                        || code.indexOf(']') >= 0
                        || code.indexOf('\r') >= 0
                        || code.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("bad response code: " + code);
        }
    }

    public static ImapReply ok(String text) {
        return new ImapReply(Status.OK, null, text);
    }

    public static ImapReply no(String code, String text) {
        return new ImapReply(Status.NO, code, text);
    }

    /** Temporary trouble on the endpoint's side (RFC 5530 UNAVAILABLE): the client may retry. */
    public static ImapReply unavailable() {
        return no("UNAVAILABLE", "Temporary failure, try again later");
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
