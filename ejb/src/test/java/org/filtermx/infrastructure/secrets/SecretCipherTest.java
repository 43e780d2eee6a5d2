package org.filtermx.infrastructure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecureRandom random = new SecureRandom();
    private final KeyRing ring = KeyRing.generate(random);
    private final SecretCipher cipher = new SecretCipher(ring, random);

    @Test
    void sealedValueOpensToThePlainTextAndDoesNotContainIt() {
        String sealed = cipher.seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "account_totp:7");
        assertThat(sealed).startsWith("fmx1.1.").doesNotContain("JBSWY3DP");
        assertThat(cipher.openText(sealed, "account_totp:7"))
                .isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(cipher.seal("same", "c")).isNotEqualTo(cipher.seal("same", "c"));
    }

    @Test
    void valueMovedToAnotherRowDoesNotOpen() {
        String sealed = cipher.seal("secret", "account_totp:7");
        assertThatThrownBy(() -> cipher.open(sealed, "account_totp:8"))
                .isInstanceOf(SecretUnavailable.class)
                .hasMessageContaining("account_totp:8");
    }

    @Test
    void alteredValueDoesNotOpen() {
        String sealed = cipher.seal("secret", "c");
        int at = sealed.length() - 10;
        String altered =
                sealed.substring(0, at)
                        + (sealed.charAt(at) == 'A' ? 'B' : 'A')
                        + sealed.substring(at + 1);
        assertThatThrownBy(() -> cipher.open(altered, "c")).isInstanceOf(SecretUnavailable.class);
    }

    @Test
    void valueOfAnotherKeyFileDoesNotOpen() {
        String sealed = new SecretCipher(KeyRing.generate(random), random).seal("secret", "c");
        assertThatThrownBy(() -> cipher.open(sealed, "c")).isInstanceOf(SecretUnavailable.class);
    }

    @Test
    void afterAddingAKeyOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String old = cipher.seal("secret", "c");
        SecretCipher rotated =
                new SecretCipher(KeyRing.parse(ring.withNewKey(random).format()), random);
        assertThat(rotated.openText(old, "c")).isEqualTo("secret");
        assertThat(rotated.isCurrent(old)).isFalse();
        String fresh = rotated.seal("secret", "c");
        assertThat(fresh).startsWith("fmx1.2.");
        assertThat(rotated.isCurrent(fresh)).isTrue();
    }

    @Test
    void keyIdMissingFromTheFileIsNamed() {
        SecretCipher rotated = new SecretCipher(ring.withNewKey(random), random);
        String sealed = rotated.seal("secret", "c");
        assertThatThrownBy(() -> cipher.open(sealed, "c"))
                .isInstanceOf(SecretUnavailable.class)
                .hasMessageContaining("key 2");
    }

    @Test
    void plainValuesOfEarlierVersionsAreNotTakenForSealedOnes() {
        assertThat(SecretCipher.isSealed("JBSWY3DPEHPK3PXP")).isFalse();
        assertThat(SecretCipher.isSealed("q83vEjRWeJA+/w==")).isFalse();
        assertThat(SecretCipher.isSealed(cipher.seal("x", "c"))).isTrue();
    }

    @Test
    void garbageIsRefusedWithAClearException() {
        for (String bad :
                new String[] {
                    "fmx1.", "fmx1.x.abc", "fmx1.1.!!!", "fmx1.1.AAAA", "fmx1.1." + "A".repeat(5000)
                }) {
            assertThatThrownBy(() -> cipher.open(bad, "c")).isInstanceOf(SecretUnavailable.class);
        }
    }
}
