package org.filtermx.application;

/** Whether the parts of this node the mail path needs are working. */
public interface HealthCheck {

    /** True when the database answers a query. */
    boolean databaseUp();

    /**
     * True when this node's SMTP listener accepts a TCP connection, which is what a sending MTA
     * needs.
     */
    boolean smtpListenerUp();
}
