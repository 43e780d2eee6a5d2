package org.filtermx.domain.model.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the self-describing form {@code
 * pbkdf2-sha256$iterations$salt$hash} (base64), so the work factor can rise without a migration.
 */
public final class PasswordHash {

    /** OWASP's 2023 guidance for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String create(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME
                + "$"
                + ITERATIONS
                + "$"
                + b64.encodeToString(salt)
                + "$"
                + b64.encodeToString(hash);
    }

    /** Checks {@code password} against {@code stored} in time independent of where they differ. */
    public static boolean matches(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    /**
     * Fewest and most iterations an imported hash may have: weaker ones are refused, costlier ones
     * would stall logins.
     */
    public static final int MIN_IMPORTED_ITERATIONS = 100_000;

    public static final int MAX_IMPORTED_ITERATIONS = 10_000_000;

    /**
     * Whether {@code hash} is exactly a hash of this class's form, so it can be stored as a
     * password imported from elsewhere: the scheme, an iteration count within bounds, a salt of 16
     * to 64 bytes and a 32-byte hash, both unpadded standard base64 that re-encodes to the same
     * text. Anything else is refused rather than stored as a login nobody can use or predict.
     */
    public static boolean wellFormed(String hash) {
        if (hash == null || hash.length() > 200) {
            return false;
        }
        String[] parts = hash.split("\\$", -1);
        if (parts.length != 4
                || !parts[0].equals(SCHEME)
                || parts[1].isEmpty()
                || parts[1].length() > 8
                || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')
                || parts[1].startsWith("0")) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        if (iterations < MIN_IMPORTED_ITERATIONS || iterations > MAX_IMPORTED_ITERATIONS) {
            return false;
        }
        byte[] salt = canonicalBase64(parts[2]);
        byte[] derived = canonicalBase64(parts[3]);
        return salt != null
                && salt.length >= SALT_BYTES
                && salt.length <= 64
                && derived != null
                && derived.length == HASH_BITS / 8;
    }

    /**
     * The bytes of unpadded standard base64 text, or null unless it re-encodes to exactly that
     * text.
     */
    private static byte[] canonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)
                    ? bytes
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A hash of a random password, verified against when the user does not exist. */
    public static String decoy() {
        return create(randomPassword(24).toCharArray());
    }

    public static String randomPassword(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
