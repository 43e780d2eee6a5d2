package org.filtermx.infrastructure.filter.fusion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filtermx.domain.model.filter.Reason;

/**
 * What of a scan the fusion weighs (ADR 0019): each statistical reason is a binary feature named
 * after its rule (bayes bands, header-sanity, authentication and DNS-list results, content rules),
 * and the external engines' totals are continuous features, clipped to [{@value #CLIP_LOW}, {@value
 * #CLIP_HIGH}] and divided by {@value #SCALE} so that one spammy engine cannot outweigh all other
 * evidence. Policy reasons are no features: they keep their fixed scores whatever was learnt.
 */
public final class FusionFeatures {

    /** The engines whose reason carries their total score rather than a rule's. */
    public static final Set<String> CONTINUOUS = Set.of("RSPAMD_SCORE", "SPAMASSASSIN_SCORE");

    static final double CLIP_LOW = -10;
    static final double CLIP_HIGH = 20;
    static final double SCALE = 10;

    /** A score from this size on is a decision, not evidence (GTUBE's 1000, block lists' 100). */
    static final double POLICY_SCORE = 100;

    private FusionFeatures() {}

    /**
     * Whether {@code reason} is policy and keeps its score: GTUBE, malware, attachment blocks, the
     * allow and block lists, anything scoring 100 or more; and outages, which say nothing of the
     * message (an engine that could not answer or skipped it, a DNS temporary error): learnt, they
     * would teach the filter its own network's bad days, or the benchmark's offline resolver.
     */
    public static boolean isPolicy(Reason reason) {
        String rule = reason.rule();
        return Math.abs(reason.score()) >= POLICY_SCORE
                || rule.equals("GTUBE")
                || rule.equals("VIRUS_FOUND")
                || rule.startsWith("ATTACHMENT_")
                || rule.startsWith("ENGINE_DOWN_")
                || rule.endsWith("_TEMPERROR")
                || rule.endsWith("_SKIPPED")
                || rule.endsWith("_ALLOWLISTED")
                || rule.endsWith("_BLOCKLISTED");
    }

    /** Whether the scan has a bayes band, so that the trained weights apply. */
    public static boolean bayesSpoke(List<Reason> reasons) {
        for (Reason r : reasons) {
            if (r.rule().startsWith("BAYES_")) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code reason} as a feature: 1, or the engine's clipped and scaled total. */
    public static double value(Reason reason) {
        if (!CONTINUOUS.contains(reason.rule())) {
            return 1.0;
        }
        return Math.max(CLIP_LOW, Math.min(CLIP_HIGH, reason.score())) / SCALE;
    }

    /** The scan's features by name, in the order first seen; a rule given twice counts once. */
    public static Map<String, Double> of(List<Reason> reasons) {
        Map<String, Double> features = new LinkedHashMap<>();
        for (Reason r : reasons) {
            if (!isPolicy(r)) {
                features.putIfAbsent(r.rule(), value(r));
            }
        }
        return features;
    }
}
