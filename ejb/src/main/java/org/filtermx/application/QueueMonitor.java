package org.filtermx.application;

/** Counts the delivery queue for the queue gauges, every few seconds on each node. */
public interface QueueMonitor {

    /** Counts the queue once and hands the figures to the metrics. */
    void countQueue();
}
