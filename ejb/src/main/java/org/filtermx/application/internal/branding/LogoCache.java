package org.filtermx.application.internal.branding;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last logos read, by brand version: every report and welcome mail of a reseller's domains
 * carries the same logo, which is then read from the database once per node rather than once per
 * mail. A version never changes its logo (an upload makes a new version), so nothing is ever stale;
 * at most {@link #MAX_ENTRIES} logos of at most 256 KiB are kept.
 */
@ApplicationScoped
public class LogoCache {

    static final int MAX_ENTRIES = 32;

    private final Map<String, byte[]> byVersion =
            new LinkedHashMap<>(MAX_ENTRIES, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > MAX_ENTRIES;
                }
            };

    /** The logo bytes of {@code version}, loaded by {@code load} when not cached. */
    public Optional<byte[]> get(String version, Function<String, Optional<byte[]>> load) {
        synchronized (byVersion) {
            byte[] cached = byVersion.get(version);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<byte[]> loaded = load.apply(version);
        loaded.ifPresent(
                bytes -> {
                    synchronized (byVersion) {
                        byVersion.put(version, bytes);
                    }
                });
        return loaded;
    }
}
