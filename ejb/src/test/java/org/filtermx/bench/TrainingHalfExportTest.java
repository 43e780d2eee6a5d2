package org.filtermx.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sa-learn gets exactly the training part of the time split, as received, none of the validation or
 * test part, and nothing left from an earlier run.
 */
class TrainingHalfExportTest {

    @Test
    void writesTheTrainingPartOnly(@TempDir Path tmp) throws IOException {
        Path corpusDir = tmp.resolve("corpus");
        for (String label : new String[] {"ham", "spam"}) {
            Files.createDirectories(corpusDir.resolve(label));
            for (int i = 0; i < 20; i++) {
                Files.writeString(
                        corpusDir.resolve(label).resolve(label + "." + i),
                        "From x  "
                                + (i < 8 ? "Mon Jul 22 10:00:00 2002" : "Mon Sep 30 10:00:00 2002")
                                + "\nSubject: "
                                + label
                                + " "
                                + i
                                + "\n\nbody\n");
            }
        }
        Path out = tmp.resolve("train");
        Files.createDirectories(out.resolve("ham"));
        Files.writeString(out.resolve("ham").resolve("stale"), "left from an earlier run");
        BenchCorpus corpus = BenchCorpus.load(corpusDir, false);

        int[] written = TrainingHalfExport.write(corpus, out);

        long ham = corpus.training().stream().filter(m -> !m.spam()).count();
        long spam = corpus.training().size() - ham;
        assertEquals(8, ham);
        assertEquals(8, spam);
        assertArrayEquals(new int[] {(int) ham, (int) spam}, written);
        try (var files = Files.list(out.resolve("ham"))) {
            assertEquals(ham, files.count());
        }
        BenchCorpus.Message first = corpus.training().get(0);
        Path file = out.resolve(first.spam() ? "spam" : "ham").resolve(first.name());
        assertEquals(
                new String(first.raw(), StandardCharsets.US_ASCII),
                Files.readString(file, StandardCharsets.US_ASCII));
    }
}
