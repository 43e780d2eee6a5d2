package org.filtermx.application.internal.discovery;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.filtermx.application.port.RecipientEvidenceStore.Sighting;

/**
 * Sightings of a batch added up per address and kind, so that a drain writes one row per address
 * however many messages it covers, and no more than {@link #PER_MESSAGE} addresses per message.
 */
final class Sightings {

    /** The most addresses one message credits: a reply to a message for a big list counts 50. */
    static final int PER_MESSAGE = 50;

    static final String SENDER = "sender";
    static final String REPLY = "reply";

    private record Key(String domain, String localPart, String source) {}

    private final Map<Key, Sighting> byKey = new LinkedHashMap<>();

    void add(String domain, String localPart, String source, Instant at) {
        byKey.merge(
                new Key(domain, localPart, source),
                new Sighting(domain, localPart, source, at, at, 1),
                (a, b) ->
                        new Sighting(
                                domain,
                                localPart,
                                source,
                                a.firstSeen().isBefore(b.firstSeen())
                                        ? a.firstSeen()
                                        : b.firstSeen(),
                                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(),
                                a.count() + b.count()));
    }

    Collection<Sighting> all() {
        return byKey.values();
    }
}
