package org.filtermx.application.internal.quarantine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Release link tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the
 * payload naming the key that signed it, the held message, the recipient and the moment the link
 * expires. Anyone holding the link may release that one copy, so the MAC (RFC 2104, compared in
 * constant time) is what makes a link unforgeable; expiry, single use and whether a retired key
 * still counts are checked by the caller against the quarantine (ADR 0018).
 *
 * <p>Payload version 2 is {@code 2|keyId|id|expiry|recipient}; version 1, made before keys rotated,
 * is {@code 1|id|expiry|recipient} and was signed with what is now key 1.
 */
final class ReleaseTokens {

    /** What a valid token names, and which key signed it. */
    record Claims(int keyId, long quarantineId, String recipient, Instant expiresAt) {}

    private static final int MAX_TOKEN = 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final int currentId;
    private final Map<Integer, byte[]> keys;

    /** Signs with key {@code currentId}, verifies with any of {@code keys}. */
    ReleaseTokens(int currentId, Map<Integer, byte[]> keys) {
        for (byte[] key : keys.values()) {
            if (key.length < 32) {
                throw new IllegalArgumentException(
                        "a release link key must have at least 256 bits");
            }
        }
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("no release link key " + currentId);
        }
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    String sign(long quarantineId, String recipient, Instant expiresAt) {
        byte[] payload =
                ("2|"
                                + currentId
                                + "|"
                                + quarantineId
                                + "|"
                                + expiresAt.getEpochSecond()
                                + "|"
                                + recipient)
                        .getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload)
                + "."
                + ENCODER.encodeToString(mac(keys.get(currentId), payload));
    }

    /** The claims of an authentic token, whether expired or not; empty for anything else. */
    Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            Optional<Claims> claims = parse(new String(payload, StandardCharsets.UTF_8));
            byte[] key = claims.map(c -> keys.get(c.keyId())).orElse(null);
            if (key == null || !MessageDigest.isEqual(mac, mac(key, payload))) {
                return Optional.empty();
            }
            return claims;
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The claims a payload states, before its MAC is checked (the key id picks the key). */
    private static Optional<Claims> parse(String payload) {
        String[] fields = payload.split("\\|", 5);
        if (fields.length == 5 && fields[0].equals("2")) {
            return Optional.of(
                    new Claims(
                            Integer.parseInt(fields[1]),
                            Long.parseLong(fields[2]),
                            fields[4],
                            Instant.ofEpochSecond(Long.parseLong(fields[3]))));
        }
        fields = payload.split("\\|", 4);
        if (fields.length == 4 && fields[0].equals("1")) {
            return Optional.of(
                    new Claims(
                            1,
                            Long.parseLong(fields[1]),
                            fields[3],
                            Instant.ofEpochSecond(Long.parseLong(fields[2]))));
        }
        return Optional.empty();
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
