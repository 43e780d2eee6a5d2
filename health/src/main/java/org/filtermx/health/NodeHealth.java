package org.filtermx.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the parts of this node the mail path needs are working. Every answer is cheap and local
 * to this node: no SMTP connection (which would count against the per-address limit), no probe
 * traffic to the engines. The EJB module implements it; it is declared here, in the EAR's {@code
 * lib/}, so that the health checks beside it can call it.
 */
public interface NodeHealth {

    /** True when a pooled database connection passes a validity check within its timeout. */
    boolean databaseUp();

    /** True when this node's inbound SMTP listener has a bound socket. */
    boolean smtpListenerUp();

    /** What keeps mail from being written locally (space, permissions), or empty. */
    Optional<String> storageProblem();

    /** The scanners this installation runs, in order. */
    List<String> engines();

    /** The scanners whose most recent message they could not answer, with why. */
    Map<String, String> enginesDown();
}
