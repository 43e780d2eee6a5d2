package org.filtermx.infrastructure.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit keys of the key file, each under a numeric id; the highest id seals new values, the
 * others still open what they sealed, so a key is rotated by adding a line.
 *
 * <p>The file's text is one key per line, {@code <id> <base64 of 32 bytes>}; blank lines and lines
 * starting with {@code #} are comments.
 */
public final class KeyRing {

    static final int KEY_BYTES = 32;
    private static final int MAX_TEXT = 64 * 1024;

    private final NavigableMap<Integer, byte[]> keys;

    private KeyRing(NavigableMap<Integer, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the key file holds no key");
        }
        this.keys = Collections.unmodifiableNavigableMap(keys);
    }

    /** A ring with one fresh key, id 1. */
    public static KeyRing generate(SecureRandom random) {
        return new KeyRing(new TreeMap<>(Map.of(1, fresh(random))));
    }

    /** This ring plus a fresh key under the next id, which becomes the current one. */
    public KeyRing withNewKey(SecureRandom random) {
        NavigableMap<Integer, byte[]> more = new TreeMap<>(keys);
        more.put(currentId() + 1, fresh(random));
        return new KeyRing(more);
    }

    /**
     * Reads the file's text.
     *
     * @throws IllegalArgumentException naming the line that is not {@code <id> <base64 key>}
     */
    public static KeyRing parse(String text) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "the key file is larger than " + MAX_TEXT + " characters");
        }
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            try {
                if (space <= 0) {
                    throw new IllegalArgumentException("expected <id> <base64 key>");
                }
                int id = Integer.parseInt(line.substring(0, space));
                byte[] key = Base64.getDecoder().decode(line.substring(space + 1).strip());
                if (id <= 0 || key.length != KEY_BYTES) {
                    throw new IllegalArgumentException("expected a positive id and a 256-bit key");
                }
                if (keys.put(id, key) != null) {
                    throw new IllegalArgumentException("key id " + id + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + " of the key file: " + e.getMessage(), e);
            }
        }
        return new KeyRing(keys);
    }

    /** The file's text, with a comment saying what the file is. */
    public String format() {
        StringBuilder text =
                new StringBuilder()
                        .append(
                                "# FilterMX secrets key file: encrypts second-factor secrets and release-link keys\n")
                        .append(
                                "# in the database. Every node of a cluster needs this same file; losing it makes\n")
                        .append(
                                "# those secrets unreadable. The highest id encrypts new values.\n");
        keys.forEach(
                (id, key) ->
                        text.append(id)
                                .append(' ')
                                .append(Base64.getEncoder().encodeToString(key))
                                .append('\n'));
        return text.toString();
    }

    public int currentId() {
        return keys.lastKey();
    }

    byte[] current() {
        return keys.lastEntry().getValue();
    }

    Optional<byte[]> key(int id) {
        return Optional.ofNullable(keys.get(id));
    }

    /**
     * A short fingerprint of key {@code id} (HMAC-SHA256 of a fixed text), stored in the database
     * so a node started with another key file is told so instead of failing on every secret.
     */
    public String fingerprint(int id) {
        byte[] key = keys.get(id);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full =
                    mac.doFinal("FilterMX key file check".getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder()
                    .withoutPadding()
                    .encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether two fingerprints are equal, in constant time. */
    public static boolean sameFingerprint(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    public Iterable<Integer> ids() {
        return keys.keySet();
    }

    private static byte[] fresh(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }
}
