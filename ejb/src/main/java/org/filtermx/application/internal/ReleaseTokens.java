package org.filtermx.application.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Release link tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the
 * payload naming the held message, the recipient and the moment the link expires. Anyone holding
 * the link may release that one copy, so the MAC (RFC 2104, compared in constant time) is what
 * makes a link unforgeable; expiry and single use are checked by the caller against the
 * quarantine.
 */
final class ReleaseTokens {

    /** What a valid token names. */
    record Claims(long quarantineId, String recipient, Instant expiresAt) {}

    private static final String VERSION = "1";
    private static final int MAX_TOKEN = 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    ReleaseTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the release link key must have at least 256 bits");
        }
        this.key = key.clone();
    }

    String sign(long quarantineId, String recipient, Instant expiresAt) {
        byte[] payload = (VERSION + "|" + quarantineId + "|" + expiresAt.getEpochSecond() + "|" + recipient)
                .getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
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
            if (!MessageDigest.isEqual(mac, mac(payload))) {
                return Optional.empty();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", 4);
            if (fields.length != 4 || !fields[0].equals(VERSION)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(
                    Long.parseLong(fields[1]), fields[3], Instant.ofEpochSecond(Long.parseLong(fields[2]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
