package org.filtermx.domain.model.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery, in the header {@code FilterMX-Signature: t=<unix
 * seconds>,v1=<hex>}: HMAC-SHA256 (RFC 2104) keyed with the webhook's secret (the UTF-8 bytes of
 * the text shown at registration) over {@code <t>.<body>}. Signing the time with the body lets a
 * receiver refuse a replayed delivery older than a few minutes; the scheme is Stripe's, which
 * hosting panels already verify.
 */
public final class WebhookSignature {

    /** The request header that carries the signature. */
    public static final String HEADER = "FilterMX-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A new secret: 32 random bytes in hex, prefixed so that people recognise it. */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + HexFormat.of().formatHex(b);
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} under {@code secret} (what a
     * receiver does; the tests use it). The comparison takes constant time.
     */
    public static boolean verify(String secret, String header, String body) {
        if (header == null || header.length() > 200) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",", 4)) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                t = p.substring(2);
            } else if (p.startsWith("v1=")) {
                v1 = p.substring(3);
            }
        }
        if (t == null || v1 == null || t.isEmpty() || t.length() > 12) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
