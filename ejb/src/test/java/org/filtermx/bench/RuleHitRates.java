package org.filtermx.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.filter.rules.RuleHit;
import org.filtermx.infrastructure.filter.rules.RuleWeights;
import org.filtermx.infrastructure.filter.rules.RulesScanner;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * How often each rule of the {@code rules} scanner fires on the corpus' ham and on its spam (all of
 * it, both halves: the rules are not trained), with the weights shipped, and how much of each the
 * rules alone would hold at the default quarantine score. A rule that fires on more than about 1 %
 * of ham needs a small weight or a fix. Usage: {@code RuleHitRates <corpus dir with ham/ and
 * spam/>}; the corpus is the SpamAssassin public corpus, see {@code bench/README.md}. With a second
 * argument {@code -v RULE} it also lists the ham files the rule fires on.
 */
public final class RuleHitRates {

    private static final double QUARANTINE = 5.0;

    private RuleHitRates() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: RuleHitRates <corpus dir> [-v RULE]");
            System.exit(2);
        }
        String show = args.length == 3 ? args[2] : null;
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        MimeMessageParser parser = MimeMessageParser.withDefaults();
        RulesScanner scanner = new RulesScanner();
        RuleWeights weights = RuleWeights.bundled();
        Map<String, int[]> counts = new TreeMap<>();
        int[] total = new int[2];
        int[] held = new int[2];
        long start = System.nanoTime();
        for (BenchCorpus.Message m : corpus.messages()) {
            int label = m.spam() ? 1 : 0;
            total[label]++;
            ParsedMessage parsed = parser.parse(m.raw());
            MessageUnderScan message = BuiltInScanners.envelope(m.raw(), parsed);
            for (RuleHit hit : RulesScanner.hits(message)) {
                counts.computeIfAbsent(hit.rule(), r -> new int[2])[label]++;
                if (!m.spam() && hit.rule().equals(show)) {
                    System.out.println("  " + m.name() + ": " + hit.detail());
                }
            }
            double score =
                    scanner.scan(message).reasons().stream().mapToDouble(Reason::score).sum();
            if (score >= QUARANTINE) {
                held[label]++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "Rule hit rates on %d ham and %d spam (parse and rules: %d ms)%n%n",
                total[0],
                total[1],
                millis);
        System.out.println("| rule | weight | ham hits | ham % | spam hits | spam % |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        counts.forEach(
                (rule, c) ->
                        System.out.printf(
                                Locale.ROOT,
                                "| %s | %.1f | %d | %.2f | %d | %.2f |%n",
                                rule,
                                weights.score(rule),
                                c[0],
                                100.0 * c[0] / total[0],
                                c[1],
                                100.0 * c[1] / total[1]));
        System.out.printf(
                Locale.ROOT,
                "%nHeld by the rules alone (score >= %.1f): ham %d (%.2f %%), spam %d (%.2f %%)%n",
                QUARANTINE,
                held[0],
                100.0 * held[0] / total[0],
                held[1],
                100.0 * held[1] / total[1]);
    }
}
