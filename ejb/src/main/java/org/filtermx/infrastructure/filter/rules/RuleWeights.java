package org.filtermx.infrastructure.filter.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The score of each rule, read from the resource {@value #RESOURCE}.
 *
 * <p>Format: a Java properties file, one line per rule, {@code RULE_NAME = score}; the score is a
 * decimal number added to the message's total when the rule fires (negative for signs of wanted
 * mail). {@code #} starts a comment. A rule missing from the file, or with score 0, is off. The
 * file is meant to be <em>learned from training data rather than guessed</em>: a logistic
 * regression over the rules' hits on labelled mail writes it, each weight being the rule's
 * coefficient scaled to the pipeline's points; the values it ships with until then are guesses.
 */
public final class RuleWeights {

    public static final String RESOURCE =
            "/org/filtermx/infrastructure/filter/rules/rule-weights.properties";

    private final Map<String, Double> scores;

    private RuleWeights(Map<String, Double> scores) {
        this.scores = Map.copyOf(scores);
    }

    /** The weights shipped with the product. */
    public static RuleWeights bundled() {
        try (InputStream in = RuleWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Weights in the format above; a value that is not a number is refused. */
    public static RuleWeights read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, Double> scores = new HashMap<>();
        for (String rule : p.stringPropertyNames()) {
            String value = p.getProperty(rule).strip();
            try {
                scores.put(rule.strip(), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "weight of " + rule + " is not a number: " + value, e);
            }
        }
        return new RuleWeights(scores);
    }

    public static RuleWeights of(Map<String, Double> scores) {
        return new RuleWeights(scores);
    }

    /** The rule's score, 0 (off) when the file does not name it. */
    public double score(String rule) {
        return scores.getOrDefault(rule, 0.0);
    }
}
