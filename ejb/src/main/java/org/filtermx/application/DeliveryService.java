package org.filtermx.application;

import java.util.Collection;

/** Delivers spooled messages to their destinations, retrying and bouncing as needed. */
public interface DeliveryService {

    /** Starts delivery of these spooled messages now, in the background. */
    void dispatch(Collection<Long> spoolIds);

    /** Ends delivery sessions kept open for a next message that have waited too long for one. */
    void closeIdleConnections();

    /**
     * Gives back the leases of fresh messages the delivery executor could not take (ADR 0012), so
     * that the spool shows them due to every node again.
     */
    void returnUntakenLeases();

    /** Starts delivery of every message whose next attempt is due; returns how many. */
    int dispatchDue();

    /** Frees the delivery leases this node held before it (re)started. */
    void recoverLeases();

    /**
     * Frees the delivery leases of nodes that have left the cluster view, so that their messages
     * are due at once rather than when the leases expire, and starts delivering what is due (ADR
     * 0052). Every surviving node may call this for the same node: the first update frees the
     * leases, and each message is then claimed by one node. Returns how many leases this call
     * freed.
     */
    int takeOverFrom(Collection<String> departedNodes);
}
