package org.filtermx.application.internal.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseTokensTest {

    private final byte[] key =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ReleaseTokens tokens = new ReleaseTokens(1, Map.of(1, key));
    private final Instant expires = Instant.parse("2026-12-11T10:00:00Z");

    @Test
    void signedTokenVerifiesToItsClaims() {
        String token = tokens.sign(42, "bob@example.com", expires);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token))
                .contains(new ReleaseTokens.Claims(1, 42, "bob@example.com", expires));
    }

    @Test
    void alteredPayloadIsRefused() {
        String token = tokens.sign(42, "bob@example.com", expires);
        String payload =
                new String(
                        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                        StandardCharsets.UTF_8);
        String other =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                payload.replace("|42|", "|43|").getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(other + token.substring(token.indexOf('.')))).isEmpty();
    }

    @Test
    void alteredSignatureIsRefused() {
        String token = tokens.sign(42, "bob@example.com", expires);
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(tokens.verify(flipped)).isEmpty();
    }

    @Test
    void tokenOfAnotherKeyIsRefused() {
        byte[] other = Arrays.copyOf(key, key.length);
        other[0] ^= 1;
        assertThat(
                        tokens.verify(
                                new ReleaseTokens(1, Map.of(1, other))
                                        .sign(42, "bob@example.com", expires)))
                .isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutException() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("abc")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("!!!.???")).isEmpty();
        assertThat(tokens.verify("x".repeat(5000) + ".y")).isEmpty();
    }

    @Test
    void recipientWithSeparatorsSurvives() {
        String odd = "\"a|b\"@example.com";
        assertThat(tokens.verify(tokens.sign(7, odd, expires)).orElseThrow().recipient())
                .isEqualTo(odd);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new ReleaseTokens(1, Map.of(1, new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkOfThePreviousKeyStillVerifiesAfterRotationAndNamesThatKey() {
        byte[] second = Arrays.copyOf(key, key.length);
        second[5] ^= 7;
        String old = tokens.sign(42, "bob@example.com", expires);
        ReleaseTokens rotated = new ReleaseTokens(2, Map.of(1, key, 2, second));
        assertThat(rotated.verify(old))
                .contains(new ReleaseTokens.Claims(1, 42, "bob@example.com", expires));
        assertThat(
                        rotated.verify(rotated.sign(43, "bob@example.com", expires))
                                .orElseThrow()
                                .keyId())
                .isEqualTo(2);
    }

    @Test
    void linkOfARevokedKeyIsRefused() {
        byte[] second = Arrays.copyOf(key, key.length);
        second[5] ^= 7;
        String old = tokens.sign(42, "bob@example.com", expires);
        assertThat(new ReleaseTokens(2, Map.of(2, second)).verify(old)).isEmpty();
    }

    @Test
    void changingTheKeyIdOfALinkBreaksItsSignature() {
        byte[] second = Arrays.copyOf(key, key.length);
        second[5] ^= 7;
        ReleaseTokens rotated = new ReleaseTokens(2, Map.of(1, key, 2, second));
        String token = rotated.sign(42, "bob@example.com", expires);
        String payload =
                new String(
                        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                        StandardCharsets.UTF_8);
        String relabelled =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                payload.replaceFirst("^2\\|2\\|", "2|1|")
                                        .getBytes(StandardCharsets.UTF_8));
        assertThat(payload).startsWith("2|2|");
        assertThat(rotated.verify(relabelled + token.substring(token.indexOf('.')))).isEmpty();
    }

    @Test
    void linkMadeBeforeKeysRotatedVerifiesAsKeyOne() {
        byte[] payload =
                ("1|42|" + expires.getEpochSecond() + "|bob@example.com")
                        .getBytes(StandardCharsets.UTF_8);
        String legacy =
                Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
                        + "."
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(hmac(key, payload));
        assertThat(tokens.verify(legacy))
                .contains(new ReleaseTokens.Claims(1, 42, "bob@example.com", expires));
    }

    private static byte[] hmac(byte[] key, byte[] payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
