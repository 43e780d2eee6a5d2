package org.filtermx.domain.model.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 287082",
        "1111111109, 081804",
        "1111111111, 050471",
        "1234567890, 005924",
        "2000000000, 279037",
        "20000000000, 353130"
    })
    void matchesTheRfc6238TestVectors(long time, String code) {
        assertThat(Totp.code(SEED, time / Totp.STEP_SECONDS)).isEqualTo(code);
    }

    @Test
    void base32RoundTrips() {
        String secret = Totp.base32(SEED);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.decodeBase32(secret)).isEqualTo(SEED);
    }

    @Test
    void acceptsTheNeighbouringStepsOnceAndNothingElse() {
        String secret = Totp.base32(SEED);
        long now = 1_111_111_111L;
        long step = now / Totp.STEP_SECONDS;
        assertThat(Totp.verify(secret, Totp.code(SEED, step), now, 0)).hasValue(step);
        assertThat(Totp.verify(secret, Totp.code(SEED, step - 1), now, 0)).hasValue(step - 1);
        assertThat(Totp.verify(secret, Totp.code(SEED, step + 1), now, 0)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(SEED, step - 2), now, 0)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(SEED, step), now, step))
                .as("used already")
                .isEmpty();
        assertThat(Totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.verify(secret, "abcdef", now, 0)).isEmpty();
        assertThat(Totp.verify(secret, null, now, 0)).isEmpty();
    }

    @Test
    void newSecretsAreLongAndUriCarriesThem() {
        String secret = Totp.newSecret();
        assertThat(Totp.decodeBase32(secret)).hasSize(20);
        assertThat(Totp.uri("FilterMX", "r1 x", secret))
                .startsWith("otpauth://totp/FilterMX:r1%20x?secret=" + secret)
                .contains("period=30");
    }
}
