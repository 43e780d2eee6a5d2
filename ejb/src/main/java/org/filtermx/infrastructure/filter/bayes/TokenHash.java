package org.filtermx.infrastructure.filter.bayes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit key under which a token is stored: the first 8 bytes of the SHA-1 of its UTF-8 form,
 * so rows stay small and fixed-size whatever the token. At 64 bits, two tokens of a store's few
 * million share a key with a probability of about 10^-7. This is part of the stored format:
 * changing it orphans every trained row.
 */
final class TokenHash {

    private TokenHash() {}

    static long of(String token) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
