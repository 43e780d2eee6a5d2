package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, credentials that passed the slow PBKDF2 check, so that API clients
 * sending Basic credentials on every request do not pay 600,000 iterations each time. It keeps only
 * a keyed digest of user, password and stored hash: a changed password misses.
 */
@ApplicationScoped
public class CredentialCache {

    private static final long TTL_MILLIS = 5 * 60 * 1000;
    private static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public CredentialCache() {
        new SecureRandom().nextBytes(key);
    }

    public boolean verified(String user, String password, String hash) {
        Long until = verified.get(digest(user, password, hash));
        return until != null && until > System.currentTimeMillis();
    }

    public void remember(String user, String password, String hash) {
        if (verified.size() >= MAX_ENTRIES) {
            long now = System.currentTimeMillis();
            verified.values().removeIf(until -> until < now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(digest(user, password, hash), System.currentTimeMillis() + TTL_MILLIS);
    }

    private String digest(String user, String password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            for (String part : new String[] {user, password, hash}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
