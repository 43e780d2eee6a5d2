package org.filtermx.application.port;

import java.time.Instant;

/** Counts the delivery queue in one cheap query, for the queue gauges. */
public interface QueueFigures {

    /** The queue now: how many messages are spooled, and when the oldest was received. */
    Snapshot count();

    /** {@code oldest} is null when the queue is empty. */
    record Snapshot(long depth, Instant oldest) {}
}
