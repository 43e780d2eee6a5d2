package org.filtermx.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where recipient discovery keeps its evidence (table {@code recipient_evidence}) and reads the
 * message log it learns from. Every read is of one hosted domain, named by its main name, and
 * capped.
 */
public interface RecipientEvidenceStore {

    /** One address's evidence of one kind. */
    record Row(String localPart, String source, Instant firstSeen, Instant lastSeen, long count) {}

    /** Evidence to add: {@code count} sightings of one address between first and last. */
    record Sighting(
            String domain,
            String localPart,
            String source,
            Instant firstSeen,
            Instant lastSeen,
            long count) {}

    /** Adds the sightings in one batch of atomic upserts (count added, first/last widened). */
    void record(Collection<Sighting> sightings);

    /**
     * Deletes up to {@code max} rows last seen before {@code before} (of any domain), each by its
     * key, so that only the deleted rows are locked; returns how many.
     */
    int purge(Instant before, int max);

    /** The domain's evidence, at most {@code max} rows, newest first. */
    List<Row> evidence(String domain, int max);

    /**
     * The recipients (full addresses) of inbound mail to {@code domain} that carried one of the
     * Message-IDs (without angle brackets) and was delivered or released; at most {@code max}.
     */
    List<String> deliveredRecipientsOf(String domain, Collection<String> messageIds, int max);

    /**
     * The recipients (full addresses) of inbound mail to {@code domain} accepted since {@code
     * since} (delivered, held or still queued; not refused), each with its number of messages, at
     * most {@code max} addresses.
     */
    Map<String, Long> recentRecipients(String domain, Instant since, int max);
}
