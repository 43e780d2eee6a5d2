package org.filtermx.domain.model.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of a login link: 32 random bytes, unpadded base64url in the link, and only their
 * SHA-256 in the database. 256 bits cannot be guessed however many tries are made, so the link
 * needs no throttle of its own; a stolen table lets nobody in.
 */
public final class LoginLinkToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    /** 32 bytes as unpadded base64url. */
    private static final int LENGTH = 43;

    private LoginLinkToken() {}

    /** A new random token, as it goes into the link. */
    public static String create() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the shape of one this class makes (checked before any lookup). */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The SHA-256 of the token's text, in lower-case hex: what the database keeps. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
