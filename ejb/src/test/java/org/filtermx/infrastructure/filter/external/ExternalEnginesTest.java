package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.filtermx.domain.model.filter.Scanner;
import org.junit.jupiter.api.Test;

class ExternalEnginesTest {

    private static ExternalEngines from(Map<String, String> variables) {
        return ExternalEngines.from(variables::get);
    }

    @Test
    void enablesNoEngineWhenNoneIsConfigured() {
        assertThat(from(Map.of()).scanners()).isEmpty();
    }

    @Test
    void leavesAnEngineWithABlankVariableOff() {
        assertThat(from(Map.of("FILTERMX_CLAMD", "  ")).scanners()).isEmpty();
    }

    @Test
    void enablesEachConfiguredEngineUnderItsName() {
        ExternalEngines engines =
                from(
                        Map.of(
                                "FILTERMX_RSPAMD_URL", "http://127.0.0.1:11333",
                                "FILTERMX_CLAMD", "127.0.0.1:3310",
                                "FILTERMX_SPAMD", "127.0.0.1:783"));

        assertThat(engines.scanners())
                .extracting(Scanner::name)
                .containsExactly("rspamd", "clamav", "spamassassin");
    }

    @Test
    void findsRspamdsControllerOnTheWorkersHostByDefault() {
        RspamdSettings settings = RspamdSettings.at("http://10.0.0.7:11333");

        assertThat(settings.controllerUrl()).isEqualTo(URI.create("http://10.0.0.7:11334"));
        assertThat(settings.password()).isEmpty();
        assertThat(RspamdSettings.endpoint(settings.controllerUrl(), "learnspam"))
                .isEqualTo(URI.create("http://10.0.0.7:11334/learnspam"));
    }

    @Test
    void refusesAnAddressThatIsNotHostAndPort() {
        assertThatThrownBy(() -> from(Map.of("FILTERMX_CLAMD", "127.0.0.1:clamd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1:clamd");
        assertThatThrownBy(() -> from(Map.of("FILTERMX_RSPAMD_URL", "127.0.0.1:11333")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> from(Map.of("FILTERMX_RSPAMD_URL", "https://rspamd:11333")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }
}
