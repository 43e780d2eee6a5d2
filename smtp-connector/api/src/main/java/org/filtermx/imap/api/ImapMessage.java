package org.filtermx.imap.api;

import java.time.Instant;

/**
 * One message of a folder as FETCH needs it (RFC 3501 section 6.4.5).
 *
 * @param uid its UID in the folder
 * @param size RFC822.SIZE: octets of the whole message as it would be fetched, CRLF line ends
 * @param internalDate when the gateway received it
 * @param flags {@link ImapFlags} bits for this login
 * @param content the message as the login may read it (CRLF line ends): the whole message when
 *     asked for, else its header section up to and including the empty line, or {@code null} when
 *     no content was asked for (STORE results)
 */
public record ImapMessage(long uid, long size, Instant internalDate, int flags, byte[] content) {}
