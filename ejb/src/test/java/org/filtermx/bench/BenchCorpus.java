package org.filtermx.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * copies dropped (the first by file name stays), and split in halves by a salted SHA-1 of the file
 * name, so the split is fixed from run to run and independent of file order. With the environment
 * variable {@code SPLIT=swap} the halves change roles, to check that a change helps on both. The
 * training half is trained in an order shuffled by another salted SHA-1 of the file name, spam and
 * ham mixed as mail arrives, since an online learner remembers the order it was taught in.
 */
public final class BenchCorpus {

    /** Changing the salt draws a different, equally fair split. */
    static final String SPLIT_SALT = "filtermx-bayes-bench-1:";

    static final String ORDER_SALT = "filtermx-bayes-order-1:";

    /** Whether {@code SPLIT=swap} asks for the halves the other way round. */
    public static final boolean SWAPPED = "swap".equals(System.getenv("SPLIT"));

    /** One message of the corpus, as received; {@code train} when it is in the training half. */
    public record Message(String name, boolean spam, byte[] raw, boolean train) {}

    private final List<Message> messages;
    private final int duplicates;

    private BenchCorpus(List<Message> messages, int duplicates) {
        this.messages = List.copyOf(messages);
        this.duplicates = duplicates;
    }

    public static BenchCorpus load(Path dir) throws IOException {
        List<Message> messages = new ArrayList<>();
        int duplicates = 0;
        Set<String> seen = new HashSet<>();
        for (String label : new String[] {"ham", "spam"}) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve(label))) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                byte[] raw = asReceived(Files.readAllBytes(file));
                if (!seen.add(HexFormat.of().formatHex(sha1(raw)))) {
                    duplicates++;
                    continue;
                }
                String name = file.getFileName().toString();
                messages.add(
                        new Message(
                                name, label.equals("spam"), raw, inTrainingHalf(name) != SWAPPED));
            }
        }
        return new BenchCorpus(messages, duplicates);
    }

    /** Every message, ham first, each label in file-name order. */
    public List<Message> messages() {
        return messages;
    }

    /** The training half, in training order: shuffled, spam and ham mixed. */
    public List<Message> trainingHalf() {
        return messages.stream()
                .filter(Message::train)
                .sorted(Comparator.comparing(m -> HexFormat.of().formatHex(orderKey(m.name()))))
                .toList();
    }

    /** Which split this is, for the reports. */
    public static String splitName() {
        return SWAPPED ? "swapped halves (SPLIT=swap)" : "default halves";
    }

    public List<Message> testHalf() {
        return messages.stream().filter(m -> !m.train()).toList();
    }

    /** Files dropped because an earlier file had the same bytes. */
    public int duplicates() {
        return duplicates;
    }

    static boolean inTrainingHalf(String name) {
        return (sha1((SPLIT_SALT + name).getBytes(StandardCharsets.UTF_8))[0] & 1) == 0;
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
