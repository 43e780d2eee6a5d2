package org.filtermx.imap.server.netty;

import org.filtermx.imap.server.protocol.RawCommand;

/** What {@link CommandFramer} found in the input. */
sealed interface Frame {

    /** A complete command with its literals. */
    record Command(RawCommand command) implements Frame {}

    /** A synchronizing literal was accepted: send the continuation request (RFC 3501 7.5). */
    record Continue() implements Frame {}

    /** Input refused before it became a command: send {@code line}, maybe then close. */
    record Refused(String line, boolean close) implements Frame {}
}
