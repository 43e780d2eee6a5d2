package org.filtermx.application.port;

import org.filtermx.application.HeldMessageContent;

/**
 * Reads stored message bytes into what the console shows of them; the application's need, met by
 * the MIME parser of the infrastructure, so that the web module parses no MIME of its own.
 */
public interface MessageReader {

    /** What {@code raw} (RFC 5322 bytes) says; never throws for bad input. */
    HeldMessageContent read(byte[] raw);
}
