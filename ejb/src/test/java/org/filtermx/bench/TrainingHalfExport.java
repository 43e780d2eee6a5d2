package org.filtermx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the corpus' training part (of the split {@link BenchCorpus} draws: by delivery time unless
 * {@code SPLIT=random}), each message as the gateway receives it, to {@code <dir>/ham/} and {@code
 * <dir>/spam/}, one file per message under its corpus name. {@code bench/accuracy/engines.sh} hands
 * these directories to {@code sa-learn}, so that SpamAssassin's Bayes learns exactly the messages
 * the built-in classifier and rspamd learn, and none of the validation or test part: the split
 * lives in {@link BenchCorpus}, and a shell script must not draw its own.
 */
public final class TrainingHalfExport {

    private TrainingHalfExport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrainingHalfExport <corpus dir> <output dir>");
            System.exit(2);
        }
        BenchCorpus corpus = BenchCorpus.load(Path.of(args[0]));
        int[] written = write(corpus, Path.of(args[1]));
        System.err.printf(
                "training part (%s): %d ham, %d spam written to %s%n",
                corpus.splitName(), written[0], written[1], args[1]);
    }

    /** Writes the training part under {@code dir}, replacing what is there; returns ham, spam. */
    static int[] write(BenchCorpus corpus, Path dir) throws IOException {
        int[] written = new int[2];
        for (String label : new String[] {"ham", "spam"}) {
            Path labelDir = dir.resolve(label);
            Files.createDirectories(labelDir);
            try (var old = Files.list(labelDir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        for (BenchCorpus.Message m : corpus.training()) {
            Files.write(dir.resolve(m.spam() ? "spam" : "ham").resolve(m.name()), m.raw());
            written[m.spam() ? 1 : 0]++;
        }
        return written;
    }
}
