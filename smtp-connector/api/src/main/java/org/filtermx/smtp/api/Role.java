package org.filtermx.smtp.api;

/** What a listening port is for; one endpoint activation serves one role. */
public enum Role {
    /** The public MX port (25): mail for hosted domains from anywhere on the Internet. */
    INBOUND,
    /** The message submission port (587, RFC 6409): outgoing mail from customers' servers. */
    SUBMISSION,
    /**
     * A loopback listener open only while the node warms up, before the MX port accepts mail: the
     * node's own synthetic messages, which the endpoint filters and stores in a transaction it
     * rolls back (docs/adr/0048). Every recipient is taken and nothing is kept or delivered.
     */
    REHEARSAL
}
