package org.filtermx.smtp.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    private final ConfigValues values = new ConfigValues(Map.of("FILTERMX_SMTP_PORT", "2626")::get);

    @Test
    void resolvesUnresolvedEnvironmentExpressions() {
        assertThat(values.text("${env.FILTERMX_SMTP_PORT:2525}")).isEqualTo("2626");
        assertThat(values.text("${env.FILTERMX_BIND:127.0.0.1}")).isEqualTo("127.0.0.1");
        assertThat(values.text("${env.FILTERMX_HOSTNAME:}")).isEmpty();
        assertThat(values.text("${env.FILTERMX_DATA:./data}/tmp")).isEqualTo("./data/tmp");
    }

    @Test
    void leavesResolvedValuesAlone() {
        assertThat(values.text("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(values.integer("inboundPort", "25", 2525)).isEqualTo(25);
    }

    @Test
    void fallsBackToTheDefaultWhenEmpty() {
        assertThat(values.integer("maxErrors", null, 20)).isEqualTo(20);
        assertThat(values.text("", "x")).isEqualTo("x");
    }

    @Test
    void namesThePropertyThatIsNotANumber() {
        assertThatThrownBy(() -> values.integer("inboundPort", "twenty", 2525))
                .hasMessageContaining("inboundPort");
    }
}
