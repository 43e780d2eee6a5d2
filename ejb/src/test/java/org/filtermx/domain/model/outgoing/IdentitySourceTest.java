package org.filtermx.domain.model.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentitySourceTest {

    @Test
    void readsBothFormsAndNone() {
        assertThat(IdentitySource.parse("MAIL-FROM").fromEnvelope()).isTrue();
        IdentitySource header = IdentitySource.parse("header: X-Authenticated-Sender");
        assertThat(header.header()).isEqualTo("X-Authenticated-Sender");
        assertThat(header.text()).isEqualTo("header:X-Authenticated-Sender");
        assertThat(header.fromEnvelope()).isFalse();
        assertThat(IdentitySource.parse("").smarthost()).isFalse();
        assertThat(IdentitySource.parse(null)).isEqualTo(IdentitySource.NONE);
    }

    @Test
    void refusesOtherFormsSayingTheRule() {
        assertThatThrownBy(() -> IdentitySource.parse("header:Bad Name"))
                .hasMessageContaining("'mail-from' or 'header:<Field-Name>'");
        assertThatThrownBy(() -> IdentitySource.parse("from"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentitySource.parse("header:" + "X".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityIsTheAddressInAngleBracketsLowerCase() {
        assertThat(IdentitySource.identityOf("\"Bob\" <Bob@Example.COM>"))
                .isEqualTo("bob@example.com");
        assertThat(IdentitySource.identityOf(" Alice@example.com ")).isEqualTo("alice@example.com");
        assertThat(IdentitySource.identityOf(null)).isEmpty();
        assertThat(IdentitySource.identityOf("x".repeat(5000))).hasSize(320);
    }
}
