package org.filtermx.infrastructure.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets with AES-256-GCM (NIST SP 800-38D): a random 96-bit nonce per value, the
 * 128-bit tag, and the value's place in the database as associated data, so a sealed value copied
 * into another row does not open there.
 *
 * <p>A sealed value reads {@code fmx1.<key id>.<base64url(nonce || ciphertext || tag)>}. Plain
 * values stored before encryption (Base32 TOTP secrets, Base64 keys) never contain a dot, which is
 * how {@link #isSealed(String)} tells them apart.
 */
public final class SecretCipher {

    static final String PREFIX = "fmx1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_SEALED = 4096;

    private final KeyRing ring;
    private final SecureRandom random;

    public SecretCipher(KeyRing ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Whether {@code value} is sealed with the current key (else it should be sealed again). */
    public boolean isCurrent(String value) {
        return isSealed(value) && value.startsWith(PREFIX + ring.currentId() + ".");
    }

    /**
     * Seals {@code plain} for the place named by {@code context} (such as {@code account_totp:42}).
     */
    public String seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher aes = aes(Cipher.ENCRYPT_MODE, ring.current(), nonce, context);
            byte[] sealed = aes.doFinal(plain);
            byte[] out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX
                    + ring.currentId()
                    + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String seal(String plain, String context) {
        return seal(plain.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Opens a sealed value.
     *
     * @throws SecretUnavailable when the key id is not in the key file, or the value was altered or
     *     belongs to another place
     */
    public byte[] open(String sealed, String context) {
        if (!isSealed(sealed) || sealed.length() > MAX_SEALED) {
            throw new SecretUnavailable("not a sealed value (" + context + ")");
        }
        int dot = sealed.indexOf('.', PREFIX.length());
        if (dot < 0) {
            throw new SecretUnavailable("a sealed value without a key id (" + context + ")");
        }
        int id;
        byte[] data;
        try {
            id = Integer.parseInt(sealed.substring(PREFIX.length(), dot));
            data = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretUnavailable("a damaged sealed value (" + context + ")");
        }
        byte[] key =
                ring.key(id)
                        .orElseThrow(
                                () ->
                                        new SecretUnavailable(
                                                "the value of "
                                                        + context
                                                        + " was sealed with key "
                                                        + id
                                                        + ", which the key file does not hold"));
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnavailable("a damaged sealed value (" + context + ")");
        }
        try {
            Cipher aes =
                    aes(
                            Cipher.DECRYPT_MODE,
                            key,
                            java.util.Arrays.copyOf(data, NONCE_BYTES),
                            context);
            return aes.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretUnavailable(
                    "the sealed value of "
                            + context
                            + " does not open with key "
                            + id
                            + ": altered, moved from another row, or another key file");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String openText(String sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    private static Cipher aes(int mode, byte[] key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return aes;
    }
}
