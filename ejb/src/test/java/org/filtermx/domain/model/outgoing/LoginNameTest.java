package org.filtermx.domain.model.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginNameTest {

    @Test
    void aLocalPartGetsTheDomain() {
        assertThat(LoginName.of("Shop", "example.com")).isEqualTo("shop@example.com");
        assertThat(LoginName.of("shop@Example.com", "example.com")).isEqualTo("shop@example.com");
    }

    @Test
    void anAddressOfAnotherDomainIsRefused() {
        assertThatThrownBy(() -> LoginName.of("ceo@other.example", "example.com"))
                .hasMessageContaining("an address in example.com");
        assertThatThrownBy(() -> LoginName.of("a b", "example.com"))
                .hasMessageContaining("local part");
        assertThatThrownBy(() -> LoginName.of(".x", "example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginName.of("x".repeat(1_000_000), "example.com"))
                .hasMessageContaining("too long");
    }
}
