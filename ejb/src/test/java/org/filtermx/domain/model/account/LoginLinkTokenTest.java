package org.filtermx.domain.model.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginLinkTokenTest {

    @Test
    void tokensAre256RandomBitsInUrlSafeText() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = LoginLinkToken.create();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(LoginLinkToken.wellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void onlyTheShapeOfATokenIsLookedUp() {
        String token = LoginLinkToken.create();
        assertThat(LoginLinkToken.wellFormed(null)).isFalse();
        assertThat(LoginLinkToken.wellFormed("")).isFalse();
        assertThat(LoginLinkToken.wellFormed(token.substring(1))).isFalse();
        assertThat(LoginLinkToken.wellFormed(token.substring(1) + "=")).isFalse();
        assertThat(LoginLinkToken.wellFormed(token.substring(1) + "'")).isFalse();
    }

    @Test
    void theStoredHashIsTheSha256OfTheTokenNotTheToken() {
        String token = LoginLinkToken.create();
        String hash = LoginLinkToken.hash(token);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+").doesNotContain(token);
        assertThat(LoginLinkToken.hash(token)).isEqualTo(hash);
        assertThat(LoginLinkToken.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
