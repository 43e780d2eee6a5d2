package org.filtermx.application.internal.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.filtermx.application.DiscoveredRecipients;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.port.RecipientEvidenceStore.Row;

/**
 * Turns a domain's evidence into the reviewed view: the candidates with their evidence, the list an
 * apply would set, and the recent recipients it would refuse. In {@code merge} mode the list keeps
 * every address it has and gains the learned ones; in {@code replace} mode it becomes the addresses
 * with evidence beyond being on the list (sent, replied, email user). The etag is a digest of what
 * the apply depends on (mode, whether unknown recipients are refused, the list now, the resulting
 * list), so new sightings of known addresses do not make a view stale, but any change to what the
 * apply would do does.
 */
final class CandidateReview {

    static final String MERGE = "merge";
    static final String REPLACE = "replace";
    static final String LIST = "list";
    static final String USER = "user";

    private CandidateReview() {}

    /** The mode named, {@code merge} when none is. */
    static String mode(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase(MERGE)) {
            return MERGE;
        }
        if (mode.equalsIgnoreCase(REPLACE)) {
            return REPLACE;
        }
        throw new InvalidRequest("mode must be merge or replace");
    }

    /**
     * The view of {@code domain}.
     *
     * @param currentList the local recipients list now
     * @param emailUsers the email users' addresses
     * @param evidence the learned evidence rows
     * @param recent addresses that received mail in the last {@code recentDays}, with counts
     */
    static DiscoveredRecipients review(
            String domain,
            String mode,
            boolean refuses,
            Collection<String> currentList,
            Collection<String> emailUsers,
            List<Row> evidence,
            Map<String, Long> recent,
            int recentDays) {
        Set<String> listed = new TreeSet<>(currentList);
        Map<String, List<DiscoveredRecipients.Evidence>> byPart = new TreeMap<>();
        for (Row r : evidence) {
            byPart.computeIfAbsent(r.localPart(), p -> new ArrayList<>())
                    .add(
                            new DiscoveredRecipients.Evidence(
                                    r.source(), r.firstSeen(), r.lastSeen(), r.count()));
        }
        for (String user : emailUsers) {
            LocalParts.of(user)
                    .ifPresent(
                            p ->
                                    byPart.computeIfAbsent(p, k -> new ArrayList<>())
                                            .add(
                                                    new DiscoveredRecipients.Evidence(
                                                            USER, null, null, 1)));
        }
        Set<String> learned = new TreeSet<>(byPart.keySet());
        for (String p : listed) {
            byPart.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(new DiscoveredRecipients.Evidence(LIST, null, null, 1));
        }
        Map<String, Long> recentByPart = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : recent.entrySet()) {
            LocalParts.of(e.getKey())
                    .ifPresent(p -> recentByPart.merge(p, e.getValue(), Long::sum));
        }
        List<DiscoveredRecipients.Candidate> candidates = new ArrayList<>(byPart.size());
        byPart.forEach(
                (part, ev) ->
                        candidates.add(
                                new DiscoveredRecipients.Candidate(
                                        part + "@" + domain,
                                        part,
                                        List.copyOf(ev),
                                        recentByPart.getOrDefault(part, 0L),
                                        listed.contains(part))));
        Set<String> resulting = new TreeSet<>(learned);
        if (MERGE.equals(mode)) {
            resulting.addAll(listed);
        }
        List<String> added = resulting.stream().filter(p -> !listed.contains(p)).toList();
        List<String> removed = listed.stream().filter(p -> !resulting.contains(p)).toList();
        List<DiscoveredRecipients.Recipient> refused = new ArrayList<>();
        int refusedCount = 0;
        for (Map.Entry<String, Long> e : sortedByMessages(recentByPart)) {
            if (!resulting.contains(e.getKey())) {
                refusedCount++;
                if (refused.size() < DiscoveredRecipients.SAMPLE) {
                    refused.add(
                            new DiscoveredRecipients.Recipient(
                                    e.getKey() + "@" + domain, e.getValue()));
                }
            }
        }
        return new DiscoveredRecipients(
                domain,
                mode,
                etag(mode, refuses, listed, resulting),
                refuses,
                List.copyOf(listed),
                candidates,
                List.copyOf(resulting),
                added,
                removed,
                recentDays,
                refusedCount,
                refused);
    }

    private static List<Map.Entry<String, Long>> sortedByMessages(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(
                Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        return entries;
    }

    static String etag(String mode, boolean refuses, Set<String> listed, Set<String> resulting) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((mode + "\n" + refuses + "\n").getBytes(StandardCharsets.UTF_8));
            for (String p : listed) {
                sha.update(("l:" + p + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String p : resulting) {
                sha.update(("r:" + p + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
