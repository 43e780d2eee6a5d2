package org.filtermx.infrastructure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void formattedRingParsesBackWithTheSameKeysAndCurrentId() {
        KeyRing ring = KeyRing.generate(random).withNewKey(random);
        KeyRing parsed = KeyRing.parse(ring.format());
        assertThat(parsed.currentId()).isEqualTo(2);
        assertThat(parsed.fingerprint(1)).isEqualTo(ring.fingerprint(1));
        assertThat(parsed.fingerprint(2)).isEqualTo(ring.fingerprint(2));
        assertThat(ring.fingerprint(1)).isNotEqualTo(ring.fingerprint(2));
    }

    @Test
    void highestIdIsCurrentWhateverTheOrderOfLines() {
        String k = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(KeyRing.parse("# comment\n7 " + k + "\n\n3 " + k + "\n").currentId())
                .isEqualTo(7);
    }

    @Test
    void malformedLinesAreNamed() {
        assertThatThrownBy(() -> KeyRing.parse("1 notbase64!")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> KeyRing.parse("# c\n1 AAAA"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("256-bit");
        assertThatThrownBy(() -> KeyRing.parse("")).hasMessageContaining("no key");
        String k = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> KeyRing.parse("1 " + k + "\n1 " + k))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> KeyRing.parse("0 " + k)).hasMessageContaining("positive");
    }
}
