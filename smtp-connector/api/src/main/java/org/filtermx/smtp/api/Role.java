package org.filtermx.smtp.api;

/** What a listening port is for; one endpoint activation serves one role. */
public enum Role {
    /** The public MX port (25): mail for hosted domains from anywhere on the Internet. */
    INBOUND,
    /** The message submission port (587, RFC 6409): outgoing mail from customers' servers. */
    SUBMISSION
}
