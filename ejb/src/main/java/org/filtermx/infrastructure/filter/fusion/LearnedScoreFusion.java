package org.filtermx.infrastructure.filter.fusion;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.infrastructure.filter.bayes.TokenStore;
import org.filtermx.infrastructure.filter.bayes.TokenStoreException;

/**
 * Logistic-regression fusion of a scan's reasons (ADR 0019). Each statistical reason with a weight
 * scores {@code k·w·x}, its share of the fused log-odds in FilterMX points, so that the sum reaches
 * 5.0 at the operating point the weights were fitted for; a reason without a weight (a rule newer
 * than the fit) keeps its own score, and policy reasons always do. No reason adds more than {@value
 * #MAX_POINTS}. The "untrained" weights apply while bayes is silent, the "trained" ones once it
 * reports a band.
 *
 * <p>Training moves the weights: each trained message takes one gradient step of the log-loss on
 * its features, stored as increments in the token store under scope {@value #SCOPE} (every node
 * reads them within the store's refresh). The effective weight is the shipped one plus the
 * increment; the step pulls the increment towards 0 ({@value #DECAY}) and keeps it within ±{@value
 * #CAP}, so a burst of one-sided training shifts each weight by a bounded amount and can never make
 * the filter hold everything. Only features that have a shipped weight learn.
 */
public final class LearnedScoreFusion implements ScoreFusion {

    private static final Logger LOG = Logger.getLogger(LearnedScoreFusion.class.getName());

    /** The store scope of the learnt increments; no hosted domain can be named so. */
    public static final String SCOPE = "~fusion";

    static final double RATE = 0.05;
    static final double DECAY = 0.02;
    static final double CAP = 0.75;

    /**
     * The most one reason adds: with the default thresholds (5 and 15) a single piece of evidence
     * may hold a message but never refuses it alone; it takes a second one to reach 15.
     */
    public static final double MAX_POINTS = 10.0;

    /**
     * The most one reason takes away: evidence learnt from one site's ham (a bayes band, a list
     * header) does not carry over to another site's mail as well as spam signs do, so a single good
     * sign may offset one strong spam sign but not two.
     */
    public static final double MIN_POINTS = -6.0;

    private final FusionWeights untrained;
    private final FusionWeights trained;
    private final TokenStore store;

    /** Fuses with {@code untrained} and {@code trained}; {@code store} null learns nothing. */
    public LearnedScoreFusion(FusionWeights untrained, FusionWeights trained, TokenStore store) {
        this.untrained = untrained;
        this.trained = trained;
        this.store = store;
    }

    /** The weights shipped with FilterMX, increments kept in {@code store}. */
    public static LearnedScoreFusion shipped(TokenStore store) {
        Properties p = FusionWeights.shipped();
        return new LearnedScoreFusion(
                FusionWeights.from(p, FusionWeights.UNTRAINED),
                FusionWeights.from(p, FusionWeights.TRAINED),
                store);
    }

    /** The same weights, learning into {@code other} (a training batch on top of the store). */
    public LearnedScoreFusion learningInto(TokenStore other) {
        return new LearnedScoreFusion(untrained, trained, other);
    }

    @Override
    public List<Reason> fuse(List<Reason> reasons) {
        boolean bayes = FusionFeatures.bayesSpoke(reasons);
        FusionWeights set = bayes ? trained : untrained;
        Map<String, Double> learnt = increments(bayes, reasons, set);
        List<Reason> fused = new ArrayList<>(reasons.size());
        Set<String> seen = new HashSet<>();
        for (Reason r : reasons) {
            Double w = set.weights().get(r.rule());
            if (w == null || FusionFeatures.isPolicy(r)) {
                fused.add(r);
            } else if (!seen.add(r.rule())) {
                fused.add(new Reason(r.rule(), 0, r.detail()));
            } else {
                double effective = w + learnt.getOrDefault(r.rule(), 0.0);
                double points = set.k() * effective * FusionFeatures.value(r);
                fused.add(
                        new Reason(
                                r.rule(),
                                Math.max(MIN_POINTS, Math.min(MAX_POINTS, points)),
                                r.detail()));
            }
        }
        return fused;
    }

    @Override
    public void learn(List<Reason> reasons, boolean spam) {
        if (store == null) {
            return;
        }
        boolean bayes = FusionFeatures.bayesSpoke(reasons);
        FusionWeights set = bayes ? trained : untrained;
        Map<String, Double> x = new HashMap<>(FusionFeatures.of(reasons));
        x.keySet().retainAll(set.weights().keySet());
        if (x.isEmpty()) {
            return;
        }
        Map<String, Double> learnt = increments(bayes, reasons, set);
        String name = bayes ? FusionWeights.TRAINED : FusionWeights.UNTRAINED;
        Map<Long, Double> deltas = step(name, set, learnt, x, spam);
        if (!deltas.isEmpty()) {
            store.addWeights(SCOPE, deltas);
        }
    }

    /**
     * The increments to add for one message: {@code Δ' = clamp(Δ + RATE·((y − p)·x − DECAY·Δ))}
     * minus {@code Δ}, keyed by stored feature.
     */
    Map<Long, Double> step(
            String name,
            FusionWeights set,
            Map<String, Double> learnt,
            Map<String, Double> x,
            boolean spam) {
        double z = set.bias();
        for (Map.Entry<String, Double> e : x.entrySet()) {
            z +=
                    (set.weights().get(e.getKey()) + learnt.getOrDefault(e.getKey(), 0.0))
                            * e.getValue();
        }
        double error = (spam ? 1.0 : 0.0) - 1.0 / (1.0 + Math.exp(-z));
        Map<Long, Double> deltas = new HashMap<>();
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double now = learnt.getOrDefault(e.getKey(), 0.0);
            double next = clamp(now + RATE * (error * e.getValue() - DECAY * now));
            if (next != now) {
                deltas.put(key(name, e.getKey()), next - now);
            }
        }
        return deltas;
    }

    /**
     * The learnt increments of the scan's weighted rules, each within ±CAP; none when unreadable.
     */
    private Map<String, Double> increments(boolean bayes, List<Reason> reasons, FusionWeights set) {
        Map<String, Double> found = new HashMap<>();
        if (store == null || set.weights().isEmpty()) {
            return found;
        }
        String name = bayes ? FusionWeights.TRAINED : FusionWeights.UNTRAINED;
        Map<Long, String> rules = new HashMap<>();
        for (Reason r : reasons) {
            if (set.weights().containsKey(r.rule()) && !FusionFeatures.isPolicy(r)) {
                rules.put(key(name, r.rule()), r.rule());
            }
        }
        if (rules.isEmpty()) {
            return found;
        }
        long[] keys = rules.keySet().stream().mapToLong(Long::longValue).toArray();
        try {
            store.weights(SCOPE, keys).forEach((k, w) -> found.put(rules.get(k), clamp(w)));
        } catch (TokenStoreException e) {
            // The shipped weights alone still judge the message; the store's outage shows
            // elsewhere.
            LOG.fine("fusion increments unavailable: " + e.getMessage());
        }
        return found;
    }

    private static double clamp(double v) {
        return Math.max(-CAP, Math.min(CAP, v));
    }

    /** The stored key of a rule's increment in one set: 8 bytes of SHA-1, as the token store's. */
    static long key(String set, String rule) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1")
                            .digest(
                                    ("fusion:" + set + ":" + rule)
                                            .getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
