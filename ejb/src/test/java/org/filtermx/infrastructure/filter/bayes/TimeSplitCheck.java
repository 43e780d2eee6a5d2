package org.filtermx.infrastructure.filter.bayes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.filtermx.bench.BenchCorpus;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * Measures how the {@code bayes} scanner generalizes, rather than how well it remembers: trains an
 * in-memory store on one part of a labelled corpus (see {@code bench/README.md}) and scans another
 * part that differs from it in time or in source, where a random split would put near copies of the
 * same mailing list's mail on both sides.
 *
 * <ul>
 *   <li>{@code time}: trains on mail delivered before 2002-08-15 and tests on mail delivered on or
 *       after 2002-09-01; the delivery date is read as the accuracy benchmark reads it ({@code
 *       org.filtermx.bench.DeliveryTime}).
 *   <li>{@code site}: trains on one collection of the SpamAssassin public corpus (the folders
 *       ending in {@code _2}) and tests on the other, gathered at another site.
 * </ul>
 *
 * <p>Prints, per check, the share of spam and of ham at a spam probability of at least 0.8 ({@code
 * BAYES_80} and up), the share of spam the scanner calls certain ham ({@code BAYES_00}, {@code
 * BAYES_05}) and the bands. Test scope, never shipped. Usage: {@code TimeSplitCheck <corpus dir
 * with ham/ and spam/> [time|site|both]}.
 */
public final class TimeSplitCheck {

    private static final LocalDate TRAIN_BEFORE = LocalDate.of(2002, 8, 15);
    private static final LocalDate TEST_FROM = LocalDate.of(2002, 9, 1);

    private record Message(String name, boolean spam, byte[] raw, LocalDate date) {}

    private record Outcome(boolean spam, double p, double chi, double lr, double share) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TimeSplitCheck <corpus dir> [time|site|both]");
            System.exit(2);
        }
        String which = args.length > 1 ? args[1] : "both";
        List<Message> corpus = load(Path.of(args[0]));
        if (!which.equals("site")) {
            run(
                    "time split: train before " + TRAIN_BEFORE + ", test from " + TEST_FROM,
                    corpus,
                    m -> m.date() != null && m.date().isBefore(TRAIN_BEFORE),
                    m -> m.date() != null && !m.date().isBefore(TEST_FROM));
        }
        if (!which.equals("time")) {
            run(
                    "foreign site: train on *_2 folders, test on the others",
                    corpus,
                    m -> collection(m.name()).endsWith("_2"),
                    m -> !collection(m.name()).endsWith("_2"));
        }
    }

    private static String collection(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static void run(
            String title, List<Message> corpus, Predicate<Message> train, Predicate<Message> test) {
        MimeMessageParser parser = MimeMessageParser.withDefaults();
        InMemoryTokenStore store = new InMemoryTokenStore();
        Trainer trainer = new Trainer(store);
        BayesScanner scanner = new BayesScanner(store);
        List<Message> training =
                corpus.stream()
                        .filter(train)
                        .sorted(Comparator.comparingInt(m -> m.name().hashCode()))
                        .toList();
        int[] trained = new int[2];
        for (Message m : training) {
            trainer.train(parser.parse(m.raw()), m.spam(), TokenStore.GLOBAL);
            trained[m.spam() ? 1 : 0]++;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Message m : corpus.stream().filter(test).toList()) {
            ParsedMessage parsed = parser.parse(m.raw());
            double p = scanner.spamProbability(parsed, TokenStore.GLOBAL);
            double[] l = scanner.learnerProbabilities(parsed, TokenStore.GLOBAL);
            int[] known = scanner.knownTokens(parsed, TokenStore.GLOBAL);
            outcomes.add(
                    new Outcome(
                            m.spam(),
                            p,
                            l[0],
                            l[1],
                            known[0] == 0 ? 0 : (double) known[1] / known[0]));
        }
        long spam = outcomes.stream().filter(Outcome::spam).count();
        long ham = outcomes.size() - spam;
        System.out.printf(Locale.ROOT, "%s%n", title);
        System.out.printf(
                Locale.ROOT,
                "  train %d ham, %d spam; test %d ham, %d spam%n",
                trained[0],
                trained[1],
                ham,
                spam);
        row("p >= 0.8 (BAYES_80+)", outcomes, o -> o.p() >= 0.8);
        row("p >= 0.5", outcomes, o -> o.p() >= 0.5);
        row("chi-square alone >= 0.8", outcomes, o -> o.chi() >= 0.8);
        row("regression alone >= 0.8", outcomes, o -> o.lr() >= 0.8);
        row(
                "BAYES_00 or BAYES_05",
                outcomes,
                o -> BayesBand.of(o.p()).compareTo(BayesBand.BAYES_20) < 0);
        for (boolean spamSide : new boolean[] {false, true}) {
            double[] shares =
                    outcomes.stream()
                            .filter(o -> o.spam() == spamSide)
                            .mapToDouble(Outcome::share)
                            .sorted()
                            .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  known-token share, %s: 10th %.2f, median %.2f, 90th %.2f%n",
                    spamSide ? "spam" : "ham ",
                    shares[shares.length / 10],
                    shares[shares.length / 2],
                    shares[shares.length * 9 / 10]);
        }
        Map<BayesBand, int[]> bands = new EnumMap<>(BayesBand.class);
        for (Outcome o : outcomes) {
            bands.computeIfAbsent(BayesBand.of(o.p()), b -> new int[2])[o.spam() ? 1 : 0]++;
        }
        System.out.printf(Locale.ROOT, "  %-10s %7s %7s%n", "band", "ham", "spam");
        bands.forEach(
                (band, n) -> System.out.printf(Locale.ROOT, "  %-10s %7d %7d%n", band, n[0], n[1]));
        System.out.println();
    }

    private static void row(String label, List<Outcome> outcomes, Predicate<Outcome> held) {
        long spam = outcomes.stream().filter(Outcome::spam).count();
        long ham = outcomes.size() - spam;
        long s = outcomes.stream().filter(o -> o.spam() && held.test(o)).count();
        long h = outcomes.stream().filter(o -> !o.spam() && held.test(o)).count();
        System.out.printf(
                Locale.ROOT,
                "  %-26s spam %6.2f %% (%d/%d)   ham %6.2f %% (%d/%d)%n",
                label,
                100.0 * s / spam,
                s,
                spam,
                100.0 * h / ham,
                h,
                ham);
    }

    /** The corpus as the accuracy benchmark reads it: duplicates dropped, delivery times read. */
    private static List<Message> load(Path dir) throws IOException {
        return BenchCorpus.load(dir).messages().stream()
                .map(
                        m ->
                                new Message(
                                        m.name(),
                                        m.spam(),
                                        m.raw(),
                                        m.time() == null
                                                ? null
                                                : LocalDate.ofInstant(m.time(), ZoneOffset.UTC)))
                .toList();
    }
}
