package org.filtermx.imap.server.protocol;

/** A command that does not parse (RFC 3501 section 7.1.3, BAD); the message goes to the client. */
public final class BadCommand extends Exception {

    private static final long serialVersionUID = 1L;

    public BadCommand(String message) {
        super(message, null, false, false);
    }
}
