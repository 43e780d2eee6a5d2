package org.filtermx.domain.model.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void acceptsHttpsAndHttpOnlyToLoopback() {
        assertThat(WebhookUrl.parse(" https://panel.example/hooks/filtermx ").text())
                .isEqualTo("https://panel.example/hooks/filtermx");
        assertThat(WebhookUrl.parse("http://127.0.0.1:8085/hook").text())
                .isEqualTo("http://127.0.0.1:8085/hook");
        assertThat(WebhookUrl.parse("http://localhost/hook").text())
                .isEqualTo("http://localhost/hook");
        assertThat(WebhookUrl.parse("http://[::1]:9/h").text()).isEqualTo("http://[::1]:9/h");
    }

    @Test
    void refusesEverythingElse() {
        assertThatThrownBy(() -> WebhookUrl.parse("http://panel.example/hook"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrl.parse("http://127.0.0.1.evil.example/"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrl.parse("http://128.0.0.1/"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://panel.example/"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrl.parse("https://user:pw@panel.example/"))
                .hasMessageContaining("user");
        assertThatThrownBy(() -> WebhookUrl.parse("/relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> WebhookUrl.parse("https://panel.example/" + "a".repeat(2000)))
                .hasMessageContaining("longer");
        assertThatThrownBy(() -> WebhookUrl.parse("")).hasMessageContaining("required");
    }
}
