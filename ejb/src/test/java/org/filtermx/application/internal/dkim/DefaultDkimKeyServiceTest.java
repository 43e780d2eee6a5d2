package org.filtermx.application.internal.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.filtermx.application.InvalidRequest;
import org.junit.jupiter.api.Test;

class DefaultDkimKeyServiceTest {

    @Test
    void aSelectorIsOneOrMoreDnsLabelsInLowerCase() {
        assertThat(DefaultDkimKeyService.selector(" S2026 ")).isEqualTo("s2026");
        assertThat(DefaultDkimKeyService.selector("mail.2026-12")).isEqualTo("mail.2026-12");
    }

    @Test
    void selectorsDnsCannotCarryAreRefusedInWords() {
        for (String bad :
                new String[] {"a_b", "-a", "a-", "a..b", ".a", "a.", "é", "a b", "x".repeat(64)}) {
            assertThatThrownBy(() -> DefaultDkimKeyService.selector(bad))
                    .as(bad)
                    .isInstanceOf(InvalidRequest.class)
                    .hasMessageContaining("selector");
        }
    }
}
