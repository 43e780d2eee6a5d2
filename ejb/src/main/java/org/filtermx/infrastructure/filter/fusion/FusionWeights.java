package org.filtermx.infrastructure.filter.fusion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One set of fitted fusion weights: the bias {@code b}, each feature's weight, and {@code k}, the
 * points per unit of log-odds, {@code 5 / (z_q - b)} for the operating point {@code z_q} chosen on
 * a validation set, so that the fused contributions reach the default quarantine threshold (5.0)
 * exactly where the fitted model reaches that operating point. Written by the bench's {@code
 * FusionFit} as properties: {@code <set>.bias}, {@code <set>.k}, {@code <set>.w.<RULE>}.
 */
public record FusionWeights(double bias, double k, Map<String, Double> weights) {

    /** The set used while bayes is silent (a day-one install): rules weigh more. */
    public static final String UNTRAINED = "untrained";

    /** The set used once bayes reports a band. */
    public static final String TRAINED = "trained";

    /** Where the shipped weights are, on the class path. */
    static final String RESOURCE = "fusion-weights.properties";

    public FusionWeights {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        weights = Map.copyOf(weights);
    }

    /** No weights: every reason keeps its own score. */
    static final FusionWeights NONE = new FusionWeights(0, 1, Map.of());

    /** Reads set {@code name} from {@code p}; a set that is not there has no weights. */
    public static FusionWeights from(Properties p, String name) {
        String bias = p.getProperty(name + ".bias");
        String k = p.getProperty(name + ".k");
        if (bias == null || k == null) {
            return NONE;
        }
        Map<String, Double> weights = new TreeMap<>();
        String prefix = name + ".w.";
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                weights.put(
                        key.substring(prefix.length()),
                        Double.parseDouble(p.getProperty(key).strip()));
            }
        }
        return new FusionWeights(
                Double.parseDouble(bias.strip()), Double.parseDouble(k.strip()), weights);
    }

    /** The shipped properties, or none when the resource is missing. */
    static Properties shipped() {
        Properties p = new Properties();
        try (InputStream in = FusionWeights.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return p;
    }

    /** This set into {@code p} under {@code name}, as {@link #from} reads it. */
    public void into(Properties p, String name) {
        p.setProperty(name + ".bias", number(bias));
        p.setProperty(name + ".k", number(k));
        weights.forEach((rule, w) -> p.setProperty(name + ".w." + rule, number(w)));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
