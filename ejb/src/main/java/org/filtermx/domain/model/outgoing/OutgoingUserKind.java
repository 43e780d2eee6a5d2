package org.filtermx.domain.model.outgoing;

/** How an outgoing user proves who it is on the submission ports. */
public enum OutgoingUserKind {
    /** SMTP AUTH with a login name and password (RFC 4954). */
    USERNAME,
    /** The client's address is in one of the user's ranges; no AUTH. */
    IP
}
