package org.filtermx.domain.model.schedule;

import java.util.List;

/**
 * The persistent timers' rows in WildFly's database timer store ({@code JBOSS_EJB_TIMER}, one per
 * timer for the whole cluster). While a node runs a timeout the row says {@code IN_TIMEOUT} with
 * that node's name, and no other node may claim the timer until the row is back to {@code ACTIVE}.
 * WildFly resets such a row only when the same node starts again, so a node that dies during a
 * timeout and stays down would stop that timer for the whole cluster.
 */
public interface PersistentTimerRepository {

    /**
     * Puts the timers that {@code node} was running back to their idle state ({@code ACTIVE}, no
     * node), as that node's own next start would; returns the beans whose timers were released
     * (their {@code TIMED_OBJECT_ID}s).
     */
    List<String> releaseRunsOf(String node);
}
