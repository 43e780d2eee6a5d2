package org.filtermx.application.port;

/**
 * Asks this node's SMTP listener whether it accepts connections, which is what a sending MTA needs.
 */
public interface SmtpListenerProbe {

    /** True when a TCP connection to the listener succeeds. */
    boolean accepting();
}
