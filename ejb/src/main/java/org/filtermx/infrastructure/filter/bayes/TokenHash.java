package org.filtermx.infrastructure.filter.bayes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * The 64-bit key under which a token is stored: the first 8 bytes of the SHA-1 of its UTF-8 form,
 * so rows stay small and fixed-size whatever the token. At 64 bits, two tokens of a store's few
 * million share a key with a probability of about 10^-7. This is part of the stored format:
 * changing it orphans every trained row.
 */
final class TokenHash {

    /**
     * One digest per thread: a message has up to 3,000 tokens, and looking the algorithm up for
     * each cost as much as the digest itself.
     */
    private static final ThreadLocal<MessageDigest> SHA1 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-1");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(
                                    "every Java platform provides SHA-1", e);
                        }
                    });

    private TokenHash() {}

    static long of(String token) {
        MessageDigest sha1 = SHA1.get();
        byte[] digest = sha1.digest(token.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            key = key << 8 | (digest[i] & 0xffL);
        }
        return key;
    }

    /**
     * The keys of {@code tokens} in their iteration order: those a {@link HashedTokens} already
     * holds, else computed.
     */
    static long[] of(Collection<String> tokens) {
        if (tokens instanceof HashedTokens hashed) {
            return hashed.hashes();
        }
        long[] keys = new long[tokens.size()];
        int i = 0;
        for (String token : tokens) {
            keys[i++] = of(token);
        }
        return keys;
    }
}
