package org.filtermx.application.internal.filtering;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How each scanner fared on its most recent message, as the filter pipeline saw it: the readiness
 * check reports an engine down while its last answer was a failure to answer. Learning it from the
 * mail itself sends no probe traffic to the engines; an engine that failed is reported down until
 * it answers a message again.
 */
@ApplicationScoped
public class EngineStates {

    /** A scanner that could not answer its last message: when and why. */
    public record Failure(Instant at, String why) {}

    private final ConcurrentMap<String, Failure> failing = new ConcurrentHashMap<>();

    /** The scanner answered: it is up. A map removal, usually of an absent key. */
    void answered(String scanner) {
        if (!failing.isEmpty()) {
            failing.remove(scanner);
        }
    }

    /** The scanner could not answer (engine down or broken), not for lack of time budget. */
    void failed(String scanner, String why) {
        failing.put(scanner, new Failure(Instant.now(), why));
    }

    /** The scanners whose last answer failed, by name. */
    public Map<String, Failure> failing() {
        return new TreeMap<>(failing);
    }
}
