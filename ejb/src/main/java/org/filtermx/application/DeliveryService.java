package org.filtermx.application;

import java.util.Collection;

/** Delivers spooled messages to their destinations, retrying and bouncing as needed. */
public interface DeliveryService {

    /** Starts delivery of these spooled messages now, in the background. */
    void dispatch(Collection<Long> spoolIds);

    /** Starts delivery of every message whose next attempt is due; returns how many. */
    int dispatchDue();

    /** Frees the delivery leases this node held before it (re)started. */
    void recoverLeases();
}
