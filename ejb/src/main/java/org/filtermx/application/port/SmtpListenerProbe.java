package org.filtermx.application.port;

/** Asks whether this node's inbound SMTP listener is bound, which a sending MTA needs. */
public interface SmtpListenerProbe {

    /** True when the listener has a bound socket. */
    boolean accepting();
}
