package org.filtermx.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.filter.fusion.FusionFeatures;
import org.filtermx.infrastructure.filter.fusion.FusionWeights;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;

/**
 * Fits the score fusion's shipped weights (ADR 0019): batch logistic regression with an L2 penalty
 * on the features of labelled scans ({@link FusionFeatures}), by Newton's method, then the
 * operating point {@code z_q} on a validation set, the lowest log-odds at which at most {@value
 * #MAX_HAM_HELD} of its ham is held, and {@code k = 5 / (z_q − b)}. Two sets are fitted: "trained"
 * on the scans as they are, "untrained" on the same scans without their bayes band.
 *
 * <p>The core ({@link #fit}) takes lists of samples and knows nothing of how a corpus is split.
 * {@link #main} uses the benchmark's halves: the bayes bands of the fitting scans come from a
 * classifier that did not learn those messages (the training half in {@value #FOLDS} folds, each
 * scanned by bayes trained on the others), a quarter of them is the validation set, and the test
 * half, untouched by the fit, measures the result. See {@code bench/README.md}, "Fitting the score
 * fusion".
 */
public final class FusionFit {

    /** The ham share of the validation set the operating point may hold. */
    static final double MAX_HAM_HELD = 0.003;

    /**
     * The L2 penalty on every weight but the bias, pulling each weight towards its prior: the
     * reason's own score read at {@value #PRIOR_POINTS} points per unit of log-odds. A rule's
     * author says how much it should weigh; the data moves the weight as far as its evidence
     * carries, so a rule that fires on a handful of training messages stays near its author's score
     * instead of being shrunk to nothing (a maximum a posteriori fit with a Gaussian prior).
     */
    static final double L2 = 1.0;

    /** Points per unit of log-odds at which a reason's own score is read as its prior weight. */
    static final double PRIOR_POINTS = 2.5;

    /** A feature seen on fewer fitting scans keeps its own score. */
    static final int MIN_SEEN = 5;

    private static final int NEWTON_STEPS = 50;

    /**
     * The folds of the training half in {@link #main}: each is scanned by bayes trained on the
     * others, so the bands are as confident as with three quarters of the training.
     */
    static final int FOLDS = 4;

    /** One scan and its label. */
    public record Sample(List<Reason> reasons, boolean spam) {}

    /** A fitted set and where its operating point holds validation mail. */
    public record Fitted(
            FusionWeights weights, double operatingPoint, double hamHeld, double spamHeld) {}

    private FusionFit() {}

    /**
     * Fits one weight set on {@code fitting} and places its operating point on {@code validation}.
     */
    public static Fitted fit(List<Sample> fitting, List<Sample> validation) {
        List<String> names = featureNames(fitting);
        int d = names.size() + 1;
        double[][] x = new double[fitting.size()][];
        double[] y = new double[fitting.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = row(names, fitting.get(i).reasons());
            y[i] = fitting.get(i).spam() ? 1 : 0;
        }
        double[] w = newton(x, y, priors(names, fitting));
        Map<String, Double> weights = new TreeMap<>();
        for (int j = 1; j < d; j++) {
            weights.put(names.get(j - 1), w[j]);
        }
        double bias = w[0];
        double[] hamZ =
                validation.stream()
                        .filter(s -> !s.spam())
                        .mapToDouble(s -> logOdds(w, row(names, s.reasons())))
                        .sorted()
                        .toArray();
        double[] allZ =
                validation.stream()
                        .mapToDouble(s -> logOdds(w, row(names, s.reasons())))
                        .sorted()
                        .toArray();
        double zq = operatingPoint(hamZ, allZ, bias);
        if (oneBandEach(fitting)) {
            // BAYES_50 ("unsure") is the reference band: it weighs 0 points, and the bias carries
            // what an unsure message scores; an unsure message must stay below the operating point.
            double reference = bias + weights.getOrDefault("BAYES_50", 0.0);
            double free = zq > reference + MARGIN ? reference : zq - ONE_HOT_SPAN;
            double shift = bias - free;
            bias = free;
            for (String name : names) {
                if (name.startsWith("BAYES_")) {
                    weights.merge(name, shift, Double::sum);
                }
            }
        }
        FusionWeights set = new FusionWeights(bias, 5.0 / (zq - bias), weights);
        LearnedScoreFusion fusion = new LearnedScoreFusion(set, set, null);
        double[] held = held(fusion, validation);
        return new Fitted(set, zq, held[0], held[1]);
    }

    /**
     * Whether every fitting scan has exactly one bayes band. Then a constant moved between the bias
     * and the bands changes no prediction, and the bias is free: {@link #fit} sets it to 0, so that
     * points are {@code k} times the log-odds and a band's contribution is negative exactly when
     * mail in its band is more often ham than spam; when the operating point is not above even
     * odds, it sets it {@value #ONE_HOT_SPAN} below that point ({@code k} = 1).
     */
    static boolean oneBandEach(List<Sample> fitting) {
        for (Sample s : fitting) {
            long bands =
                    FusionFeatures.of(s.reasons()).keySet().stream()
                            .filter(n -> n.startsWith("BAYES_"))
                            .count();
            if (bands != 1) {
                return false;
            }
        }
        return !fitting.isEmpty();
    }

    /**
     * The log-odds from the bias to an operating point not above even odds, when the bias is free.
     */
    static final double ONE_HOT_SPAN = 5.0;

    /** The least distance from the bias and from the last ham allowed to the operating point. */
    static final double MARGIN = 0.1;

    /**
     * The operating point: above the validation ham (sorted ascending) that would be one too many
     * to hold within {@link #MAX_HAM_HELD}, halfway to the next higher validation score at least
     * {@link #MARGIN} above it, so that a small change of weights does not tip a crowd of equal
     * scans (many carry the same few reasons); and at least {@link #MARGIN} above the bias, since a
     * scan on which nothing fired scores 0 points and must stay below the threshold.
     */
    static double operatingPoint(double[] hamZ, double[] allZ, double bias) {
        if (hamZ.length == 0) {
            return bias + 1;
        }
        int allowed = (int) Math.floor(MAX_HAM_HELD * hamZ.length);
        double last = hamZ[hamZ.length - 1 - allowed];
        double next = last + 2 * MARGIN;
        for (double z : allZ) {
            if (z >= last + MARGIN) {
                next = z;
                break;
            }
        }
        return Math.max((last + next) / 2, bias + MARGIN);
    }

    /** Ham held, spam held: the shares of {@code samples} whose fused points reach 5.0. */
    static double[] held(LearnedScoreFusion fusion, List<Sample> samples) {
        long ham = 0;
        long hamHeld = 0;
        long spam = 0;
        long spamHeld = 0;
        for (Sample s : samples) {
            boolean isHeld = points(fusion, s.reasons()) >= 5.0;
            if (s.spam()) {
                spam++;
                spamHeld += isHeld ? 1 : 0;
            } else {
                ham++;
                hamHeld += isHeld ? 1 : 0;
            }
        }
        return new double[] {
            ham == 0 ? 0 : (double) hamHeld / ham, spam == 0 ? 0 : (double) spamHeld / spam
        };
    }

    static double points(LearnedScoreFusion fusion, List<Reason> reasons) {
        return fusion.fuse(reasons).stream().mapToDouble(Reason::score).sum();
    }

    /** The features seen on at least {@link #MIN_SEEN} fitting scans, sorted. */
    static List<String> featureNames(List<Sample> samples) {
        Map<String, Integer> seen = new HashMap<>();
        for (Sample s : samples) {
            FusionFeatures.of(s.reasons()).keySet().forEach(n -> seen.merge(n, 1, Integer::sum));
        }
        TreeSet<String> names = new TreeSet<>();
        seen.forEach(
                (n, c) -> {
                    if (c >= MIN_SEEN) {
                        names.add(n);
                    }
                });
        return List.copyOf(names);
    }

    /** 1 (the bias), then each named feature's value in the scan. */
    private static double[] row(List<String> names, List<Reason> reasons) {
        Map<String, Double> f = FusionFeatures.of(reasons);
        double[] r = new double[names.size() + 1];
        r[0] = 1;
        for (int j = 0; j < names.size(); j++) {
            r[j + 1] = f.getOrDefault(names.get(j), 0.0);
        }
        return r;
    }

    private static double logOdds(double[] w, double[] row) {
        double z = 0;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * row[j];
        }
        return z;
    }

    /**
     * The prior weight of each feature (index 0, the bias, has none): a binary reason's own score
     * over {@link #PRIOR_POINTS}; 0 for the engines' continuous totals.
     */
    static double[] priors(List<String> names, List<Sample> fitting) {
        double[] prior = new double[names.size() + 1];
        Map<String, Double> own = new HashMap<>();
        for (Sample s : fitting) {
            for (Reason r : s.reasons()) {
                own.putIfAbsent(r.rule(), r.score());
            }
        }
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            prior[j + 1] =
                    FusionFeatures.CONTINUOUS.contains(name)
                            ? 0
                            : own.getOrDefault(name, 0.0) / PRIOR_POINTS;
        }
        return prior;
    }

    /**
     * Newton's method on the log-loss, L2-penalised towards {@code prior}; the bias is not
     * penalised.
     */
    static double[] newton(double[][] x, double[] y, double[] prior) {
        int d = prior.length;
        double[] w = prior.clone();
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-logOdds(w, x[i])));
                double r = p * (1 - p);
                for (int a = 0; a < d; a++) {
                    if (x[i][a] == 0) {
                        continue;
                    }
                    gradient[a] += (p - y[i]) * x[i][a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += r * x[i][a] * x[i][b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] += L2 * (w[a] - prior[a]);
                hessian[a][a] += L2;
            }
            hessian[0][0] += 1e-9;
            double[] move = solve(hessian, gradient);
            double largest = 0;
            for (int a = 0; a < d; a++) {
                w[a] -= move[a];
                largest = Math.max(largest, Math.abs(move[a]));
            }
            if (largest < 1e-9) {
                break;
            }
        }
        return w;
    }

    /** Solves {@code a·v = b} by Gaussian elimination with partial pivoting (a is copied). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] v = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * v[k];
            }
            v[r] = s / m[r][r];
        }
        return v;
    }

    /** The scans without their bayes band: what the untrained set is fitted on. */
    static List<Sample> withoutBayes(List<Sample> samples) {
        return samples.stream()
                .map(
                        s ->
                                new Sample(
                                        s.reasons().stream()
                                                .filter(r -> !r.rule().startsWith("BAYES_"))
                                                .toList(),
                                        s.spam()))
                .toList();
    }

    /** Both sets as the properties file the server reads. */
    static void write(Fitted untrained, Fitted trained, String provenance, Path file)
            throws IOException {
        Properties p = new Properties();
        untrained.weights().into(p, FusionWeights.UNTRAINED);
        trained.weights().into(p, FusionWeights.TRAINED);
        StringBuilder sb = new StringBuilder();
        sb.append(
                "# Learned score fusion (ADR 0019), written by org.filtermx.bench.FusionFit; see bench/README.md.\n");
        sb.append("# ").append(provenance).append('\n');
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            sb.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: FusionFit <corpus dir with ham/ and spam/> [properties file to write]");
            System.exit(2);
        }
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        List<BenchCorpus.Message> training = corpus.training();
        // The fitting scans: the training part, each message scanned by a bayes that learnt the
        // other folds only (a classifier scanning what it learnt is perfect and would get all the
        // weight). The validation scans: the validation part (later mail), by a bayes that learnt
        // the whole training part, as the server's would. The test part is only measured.
        List<Sample> fitting = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            int held = fold;
            BuiltInScanners scanners =
                    BuiltInScanners.trainedOn(
                            training.stream()
                                    .filter(m -> bucket(m.name(), "fold") % FOLDS != held)
                                    .toList());
            for (BenchCorpus.Message m : training) {
                if (bucket(m.name(), "fold") % FOLDS == held) {
                    fitting.add(new Sample(scan(scanners, m), m.spam()));
                }
            }
        }
        BuiltInScanners full = BuiltInScanners.trainedOn(training);
        List<Sample> validation =
                corpus.validation().stream().map(m -> new Sample(scan(full, m), m.spam())).toList();
        Fitted trained = fit(fitting, validation);
        Fitted untrained = fit(withoutBayes(fitting), withoutBayes(validation));
        report("trained", trained);
        report("untrained", untrained);

        List<Sample> test =
                corpus.test().stream().map(m -> new Sample(scan(full, m), m.spam())).toList();
        LearnedScoreFusion fused =
                new LearnedScoreFusion(untrained.weights(), trained.weights(), null);
        double[] sum = summed(test);
        double[] f = held(fused, test);
        double[] fNoBayes = held(fused, withoutBayes(test));
        double[] sumNoBayes = summed(withoutBayes(test));
        System.out.printf(
                Locale.ROOT,
                "test part (%s), %d messages, threshold 5.0:%n",
                corpus.splitName(),
                test.size());
        System.out.printf(
                Locale.ROOT,
                "  summed            : %6.2f %% of spam held, %5.2f %% of ham held%n",
                100 * sum[1],
                100 * sum[0]);
        System.out.printf(
                Locale.ROOT,
                "  fused             : %6.2f %% of spam held, %5.2f %% of ham held%n",
                100 * f[1],
                100 * f[0]);
        System.out.printf(
                Locale.ROOT,
                "  summed, no bayes  : %6.2f %% of spam held, %5.2f %% of ham held%n",
                100 * sumNoBayes[1],
                100 * sumNoBayes[0]);
        System.out.printf(
                Locale.ROOT,
                "  fused, no bayes   : %6.2f %% of spam held, %5.2f %% of ham held%n",
                100 * fNoBayes[1],
                100 * fNoBayes[0]);
        if (args.length == 2) {
            write(
                    untrained,
                    trained,
                    String.format(
                            Locale.ROOT,
                            "fitted on the SpamAssassin public corpus (%s): %d training-part scans (bayes out of fold), %d validation-part scans",
                            corpus.splitName(),
                            fitting.size(),
                            validation.size()),
                    Path.of(args[1]));
            System.out.println("wrote " + args[1]);
        }
    }

    private static List<Reason> scan(BuiltInScanners scanners, BenchCorpus.Message m) {
        var parsed = scanners.parse(m.raw());
        return List.copyOf(scanners.scan(BuiltInScanners.envelope(m.raw(), parsed)).reasons());
    }

    private static double[] summed(List<Sample> samples) {
        return held(
                new LearnedScoreFusion(
                        new FusionWeights(0, 1, Map.of()), new FusionWeights(0, 1, Map.of()), null),
                samples);
    }

    private static void report(String name, Fitted f) {
        System.out.printf(
                Locale.ROOT,
                "%s: bias %.3f, z_q %.3f, k %.4f; validation %.2f %% of spam held, %.2f %% of ham held%n",
                name,
                f.weights().bias(),
                f.operatingPoint(),
                f.weights().k(),
                100 * f.spamHeld(),
                100 * f.hamHeld());
        f.weights()
                .weights()
                .forEach(
                        (rule, w) ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %-28s %+8.3f  (%+.2f points)%n",
                                        rule,
                                        w,
                                        w * f.weights().k()));
    }

    /** A stable 0..255 bucket of a file name, independent of the corpus split's own salt. */
    private static int bucket(String name, String salt) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-1")
                            .digest(
                                    ("fusion-" + salt + ":" + name)
                                            .getBytes(StandardCharsets.UTF_8));
            return d[0] & 0xFF;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
