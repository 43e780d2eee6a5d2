package org.filtermx.domain.model.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = PasswordHash.create("correct horse".toCharArray());
        assertThat(hash).startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$");
        assertThat(PasswordHash.matches("correct horse".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.matches("correct horsE".toCharArray(), hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(PasswordHash.create("x".toCharArray())).isNotEqualTo(PasswordHash.create("x".toCharArray()));
    }

    @Test
    void rejectsMalformedStoredHashes() {
        assertThat(PasswordHash.matches("x".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), null)).isFalse();
    }
}
