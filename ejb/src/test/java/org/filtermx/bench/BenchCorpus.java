package org.filtermx.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmarks' corpus: every file under {@code ham/} and {@code spam/}, made into what the
 * gateway receives (the mbox {@code From } line removed, CRLF line ends), with byte-identical
 * copies dropped (the first by file name stays, so no copy can sit in two parts), and split in
 * three parts: training (bayes, rspamd and SpamAssassin learn it), validation (thresholds and
 * weights are chosen on it) and test (only measured).
 *
 * <p>The default split is by delivery time ({@link DeliveryTime}), with one pair of cut dates for
 * both classes fixed in this class: the oldest mail trains, the newest is the test, as a filter
 * meets mail it has never seen. The cut dates were chosen once from the corpus' date distribution
 * (about 55 %, 15 % and 30 % of the messages), never from results: on the SpamAssassin public
 * corpus (see {@code bench/README.md}, "Accuracy") they give 1876 / 733 / 1757 ham and 1420 / 208 /
 * 268 spam (52.6 / 15.0 / 32.3 %). A message without a parseable time goes to the training part.
 * {@code SPLIT=random} instead draws the parts by a salted SHA-1 of the file name in the same
 * proportions: test messages are then near-copies of training messages sent the same week
 * (mailing-list threads, spam runs), so it measures memory, not filtering, and is only kept for
 * comparison with older figures.
 *
 * <p>The training part is trained in an order shuffled by another salted SHA-1 of the file name,
 * spam and ham mixed as mail arrives, since an online learner remembers the order it was taught in.
 * {@link #heldOut(Path)} loads a source that is all test (the hand-written modern set).
 */
public final class BenchCorpus {

    /** The parts a message can be in. */
    public enum Part {
        TRAINING,
        VALIDATION,
        TEST
    }

    /** Mail delivered before this instant trains (time split). */
    static final Instant VALIDATION_FROM = Instant.parse("2002-08-26T00:00:00Z");

    /** Mail delivered from this instant on is the test part (time split). */
    static final Instant TEST_FROM = Instant.parse("2002-09-09T00:00:00Z");

    /** Changing the salt draws a different, equally fair random split. */
    static final String SPLIT_SALT = "filtermx-bayes-bench-1:";

    static final String ORDER_SALT = "filtermx-bayes-order-1:";

    /** Shares of the random split, in percent: training below the first, test from the second. */
    static final int RANDOM_VALIDATION_FROM = 55;

    static final int RANDOM_TEST_FROM = 70;

    /** Whether {@code SPLIT=random} asks for the random split instead of the time split. */
    public static final boolean RANDOM = "random".equals(System.getenv("SPLIT"));

    /**
     * One message of a source, as received.
     *
     * @param time its delivery time, null when none parses
     * @param part where the split put it
     */
    public record Message(String name, boolean spam, byte[] raw, Instant time, Part part) {

        /** Whether it is in the training part. */
        public boolean train() {
            return part == Part.TRAINING;
        }
    }

    private final List<Message> messages;
    private final int duplicates;
    private final boolean random;

    private BenchCorpus(List<Message> messages, int duplicates, boolean random) {
        this.messages = List.copyOf(messages);
        this.duplicates = duplicates;
        this.random = random;
    }

    /** The corpus under {@code dir}, split as {@code SPLIT} says (by time unless "random"). */
    public static BenchCorpus load(Path dir) throws IOException {
        return load(dir, RANDOM);
    }

    static BenchCorpus load(Path dir, boolean random) throws IOException {
        return read(dir, random, false);
    }

    /** A source that is all test: nothing in it is trained on or tuned on. */
    public static BenchCorpus heldOut(Path dir) throws IOException {
        return read(dir, false, true);
    }

    private static BenchCorpus read(Path dir, boolean random, boolean allTest) throws IOException {
        List<Message> messages = new ArrayList<>();
        int duplicates = 0;
        Set<String> seen = new HashSet<>();
        for (String label : new String[] {"ham", "spam"}) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve(label))) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                byte[] stored = Files.readAllBytes(file);
                byte[] raw = asReceived(stored);
                if (!seen.add(HexFormat.of().formatHex(sha1(raw)))) {
                    duplicates++;
                    continue;
                }
                String name = file.getFileName().toString();
                Instant time = DeliveryTime.of(stored).map(DeliveryTime.Stamp::time).orElse(null);
                Part part = allTest ? Part.TEST : random ? randomPart(name) : timePart(time);
                messages.add(new Message(name, label.equals("spam"), raw, time, part));
            }
        }
        return new BenchCorpus(messages, duplicates, random);
    }

    /** Every message, ham first, each label in file-name order. */
    public List<Message> messages() {
        return messages;
    }

    /** The training part, in training order: shuffled, spam and ham mixed. */
    public List<Message> training() {
        return messages.stream()
                .filter(Message::train)
                .sorted(Comparator.comparing(m -> HexFormat.of().formatHex(orderKey(m.name()))))
                .toList();
    }

    /** The validation part, for choosing thresholds and weights; never trained on. */
    public List<Message> validation() {
        return part(Part.VALIDATION);
    }

    /** The test part: only measured. */
    public List<Message> test() {
        return part(Part.TEST);
    }

    /** The same as {@link #training()}, for callers written when the split was in halves. */
    public List<Message> trainingHalf() {
        return training();
    }

    /** The same as {@link #test()}, for callers written when the split was in halves. */
    public List<Message> testHalf() {
        return test();
    }

    /** The messages of one part, in file-name order. */
    public List<Message> part(Part part) {
        return messages.stream().filter(m -> m.part() == part).toList();
    }

    /** Messages whose delivery time did not parse (all in the training part). */
    public long undated() {
        return messages.stream().filter(m -> m.time() == null).count();
    }

    /** Which split this is, for the reports. */
    public String splitName() {
        return random
                ? "RANDOM split (SPLIT=random): memory, not filtering"
                : "time split: training before "
                        + day(VALIDATION_FROM)
                        + ", validation to "
                        + day(TEST_FROM)
                        + ", test from "
                        + day(TEST_FROM);
    }

    /** Files dropped because an earlier file had the same bytes. */
    public int duplicates() {
        return duplicates;
    }

    static Part timePart(Instant time) {
        if (time == null || time.isBefore(VALIDATION_FROM)) {
            return Part.TRAINING;
        }
        return time.isBefore(TEST_FROM) ? Part.VALIDATION : Part.TEST;
    }

    static Part randomPart(String name) {
        byte[] h = sha1((SPLIT_SALT + name).getBytes(StandardCharsets.UTF_8));
        int percent = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 100;
        if (percent < RANDOM_VALIDATION_FROM) {
            return Part.TRAINING;
        }
        return percent < RANDOM_TEST_FROM ? Part.VALIDATION : Part.TEST;
    }

    private static String day(Instant t) {
        return t.toString().substring(0, 10);
    }

    private static byte[] orderKey(String name) {
        return sha1((ORDER_SALT + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Drops a leading mbox {@code From } line and turns every line end into CRLF. */
    static byte[] asReceived(byte[] file) {
        int start = 0;
        if (file.length > 5 && new String(file, 0, 5, StandardCharsets.US_ASCII).equals("From ")) {
            while (start < file.length && file[start] != '\n') {
                start++;
            }
            start++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + file.length / 20);
        for (int i = start; i < file.length; i++) {
            byte b = file[i];
            if (b == '\n' && (i == start || file[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
