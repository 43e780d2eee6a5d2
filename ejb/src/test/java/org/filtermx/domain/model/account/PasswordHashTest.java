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
        assertThat(PasswordHash.create("x".toCharArray()))
                .isNotEqualTo(PasswordHash.create("x".toCharArray()));
    }

    @Test
    void rejectsMalformedStoredHashes() {
        assertThat(PasswordHash.matches("x".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), null)).isFalse();
    }

    @Test
    void acceptsOnlyWellFormedHashesForImport() {
        String hash = PasswordHash.create("imported".toCharArray());
        assertThat(PasswordHash.wellFormed(hash)).isTrue();
        String[] p = hash.split("\\$");
        assertThat(PasswordHash.wellFormed(p[0] + "$1000$" + p[2] + "$" + p[3]))
                .as("too few iterations")
                .isFalse();
        assertThat(PasswordHash.wellFormed(p[0] + "$99999999$" + p[2] + "$" + p[3]))
                .as("too many")
                .isFalse();
        assertThat(PasswordHash.wellFormed(p[0] + "$0600000$" + p[2] + "$" + p[3])).isFalse();
        assertThat(PasswordHash.wellFormed(p[0] + "$" + p[1] + "$" + p[2] + "$" + p[3] + "="))
                .as("padding")
                .isFalse();
        assertThat(
                        PasswordHash.wellFormed(
                                p[0] + "$" + p[1] + "$" + p[2] + "$" + p[3].substring(4)))
                .as("short")
                .isFalse();
        assertThat(PasswordHash.wellFormed(p[0] + "$" + p[1] + "$AAAA$" + p[3]))
                .as("short salt")
                .isFalse();
        assertThat(PasswordHash.wellFormed("pbkdf2-sha1$" + p[1] + "$" + p[2] + "$" + p[3]))
                .isFalse();
        assertThat(PasswordHash.wellFormed(hash + "$x")).isFalse();
        assertThat(PasswordHash.wellFormed("$2y$10$abcdefghijklmnopqrstuu")).isFalse();
        assertThat(PasswordHash.wellFormed("")).isFalse();
        assertThat(PasswordHash.wellFormed(null)).isFalse();
    }
}
