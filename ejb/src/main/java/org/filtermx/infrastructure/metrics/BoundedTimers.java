package org.filtermx.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One timer per label value, created once and then found in a map of its own (no registry lookup
 * per event). At most {@code limit} values get a timer of their own; the rest share the value
 * {@value #OTHER}, so that a label fed from the network (a destination host) cannot grow the number
 * of time series without bound.
 */
final class BoundedTimers {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final String name;
    private final String label;
    private final int limit;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    BoundedTimers(MeterRegistry registry, String name, String label, int limit) {
        this.registry = registry;
        this.name = name;
        this.label = label;
        this.limit = limit;
    }

    void record(String value, long nanos) {
        Timer timer = timers.get(value);
        if (timer == null) {
            timer = timerFor(value);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Racing threads may together pass the limit by a few: the bound stays a bound. */
    private Timer timerFor(String value) {
        return timers.computeIfAbsent(timers.size() < limit ? value : OTHER, this::create);
    }

    private Timer create(String value) {
        return registry.timer(name, label, value);
    }

    /** The label values that have a timer, for tests. */
    int size() {
        return timers.size();
    }
}
