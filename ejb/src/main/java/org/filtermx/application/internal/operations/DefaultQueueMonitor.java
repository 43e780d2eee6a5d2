package org.filtermx.application.internal.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.filtermx.application.QueueMonitor;
import org.filtermx.application.port.Metrics;
import org.filtermx.application.port.QueueFigures;

/**
 * One query for both queue gauges, in a transaction of its own; a scrape reads the figures it left,
 * so Prometheus never adds a query of its own, however often it scrapes.
 */
@Stateless
public class DefaultQueueMonitor implements QueueMonitor {

    @Inject private QueueFigures figures;
    @Inject private Metrics metrics;

    @Override
    public void countQueue() {
        QueueFigures.Snapshot now = figures.count();
        metrics.queueCounted(now.depth(), now.oldest());
    }
}
