package org.filtermx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time split: one pair of cut dates for both classes, undated mail in training, a
 * byte-identical copy never in two parts, and a held-out source that is all test.
 */
class BenchCorpusTest {

    @Test
    void splitsBothClassesByTheSameCutDates(@TempDir Path dir) throws IOException {
        write(dir, "ham", "h-old", "Thu Aug 22 10:00:00 2002", "old ham");
        write(dir, "ham", "h-validation", "Mon Aug 26 00:00:00 2002", "ham on the first cut");
        write(dir, "ham", "h-test", "Mon Sep  9 00:00:00 2002", "ham on the second cut");
        write(dir, "spam", "s-old", "Sun Jun 24 03:00:00 2002", "old spam");
        write(dir, "spam", "s-validation", "Sun Sep  8 23:59:59 2002", "spam before the cut");
        write(dir, "spam", "s-test", "Wed Dec  4 19:00:00 2002", "new spam");
        Files.writeString(
                dir.resolve("spam").resolve("s-undated"),
                "From: x@example.com\nSubject: no date anywhere\n\nbody\n");

        BenchCorpus corpus = BenchCorpus.load(dir, false);

        Map<String, BenchCorpus.Part> parts = parts(corpus);
        assertEquals(BenchCorpus.Part.TRAINING, parts.get("h-old"));
        assertEquals(BenchCorpus.Part.VALIDATION, parts.get("h-validation"));
        assertEquals(BenchCorpus.Part.TEST, parts.get("h-test"));
        assertEquals(BenchCorpus.Part.TRAINING, parts.get("s-old"));
        assertEquals(BenchCorpus.Part.VALIDATION, parts.get("s-validation"));
        assertEquals(BenchCorpus.Part.TEST, parts.get("s-test"));
        assertEquals(BenchCorpus.Part.TRAINING, parts.get("s-undated"));
        assertEquals(1, corpus.undated());
        assertNull(byName(corpus).get("s-undated").time());
        assertEquals(
                List.of("h-old", "s-old", "s-undated"),
                corpus.training().stream().map(BenchCorpus.Message::name).sorted().toList());
        assertEquals(2, corpus.validation().size());
        assertEquals(2, corpus.test().size());
        assertTrue(corpus.splitName().startsWith("time split"));
    }

    @Test
    void aByteIdenticalCopyIsDroppedSoItCannotStraddleParts(@TempDir Path dir) throws IOException {
        // The same message stored twice, months apart: only the mbox lines differ, and those are
        // removed before the bytes are compared, so the second file is dropped.
        write(dir, "spam", "a-first", "Sun Jun 24 03:00:00 2002", "the same spam run");
        write(dir, "spam", "b-copy", "Wed Dec  4 19:00:00 2002", "the same spam run");
        Files.createDirectories(dir.resolve("ham"));

        BenchCorpus corpus = BenchCorpus.load(dir, false);

        assertEquals(1, corpus.duplicates());
        assertEquals(
                List.of("a-first"),
                corpus.messages().stream().map(BenchCorpus.Message::name).toList());
        assertEquals(BenchCorpus.Part.TRAINING, corpus.messages().get(0).part());
    }

    @Test
    void aHeldOutSourceIsAllTest(@TempDir Path dir) throws IOException {
        write(dir, "ham", "h1", "Thu Aug 22 10:00:00 2002", "would train in the corpus");
        write(dir, "spam", "s1", "Wed Dec  4 19:00:00 2002", "spam");

        BenchCorpus modern = BenchCorpus.heldOut(dir);

        assertEquals(2, modern.test().size());
        assertTrue(modern.training().isEmpty());
        assertTrue(modern.validation().isEmpty());
    }

    @Test
    void theRandomSplitKeepsItsProportionsAndIgnoresDates() {
        int[] counts = new int[3];
        for (int i = 0; i < 2000; i++) {
            counts[BenchCorpus.randomPart("easy_ham." + i).ordinal()]++;
        }
        assertTrue(counts[0] > 1000 && counts[0] < 1200, "training " + counts[0]);
        assertTrue(counts[1] > 220 && counts[1] < 380, "validation " + counts[1]);
        assertTrue(counts[2] > 500 && counts[2] < 700, "test " + counts[2]);
    }

    private static void write(Path dir, String label, String name, String asctime, String body)
            throws IOException {
        Files.createDirectories(dir.resolve(label));
        Files.writeString(
                dir.resolve(label).resolve(name),
                "From sender@example.com  "
                        + asctime
                        + "\nFrom: sender@example.com\nSubject: "
                        + body
                        + "\n\n"
                        + body
                        + "\n");
    }

    private static Map<String, BenchCorpus.Message> byName(BenchCorpus corpus) {
        return corpus.messages().stream()
                .collect(Collectors.toMap(BenchCorpus.Message::name, Function.identity()));
    }

    private static Map<String, BenchCorpus.Part> parts(BenchCorpus corpus) {
        return corpus.messages().stream()
                .collect(Collectors.toMap(BenchCorpus.Message::name, BenchCorpus.Message::part));
    }
}
