package org.filtermx.application.internal.reports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.filtermx.domain.model.schedule.PersistentTimerRepository;

/**
 * Frees the persistent timers that nodes which left the cluster were running, in a transaction of
 * its own: without it a timer claimed by a dead node stays claimed until that node starts again
 * (ADR 0056).
 */
@Stateless
public class InterruptedTimers {

    @Inject private PersistentTimerRepository timers;

    /** The timed beans whose runs the nodes had claimed, now free for any node. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> releaseRunsOf(Collection<String> nodes) {
        List<String> released = new ArrayList<>();
        for (String node : nodes) {
            released.addAll(timers.releaseRunsOf(node));
        }
        return released;
    }
}
