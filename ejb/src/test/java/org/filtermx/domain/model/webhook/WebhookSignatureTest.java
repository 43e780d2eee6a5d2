package org.filtermx.domain.model.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void aSignatureIsHmacSha256OfTimeDotBody() {
        // RFC 4231 has no such vector; computed independently with
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
        assertThat(WebhookSignature.header("key", 1700000000L, "{\"a\":1}"))
                .isEqualTo(
                        "t=1700000000,v1=" + WebhookSignature.hmac("key", "1700000000.{\"a\":1}"));
        assertThat(WebhookSignature.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void verifiesItsOwnSignatureAndNothingElse() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_").hasSize(6 + 64);
        String body = "{\"event\":\"outgoing.locked\"}";
        String header = WebhookSignature.header(secret, 1764763200L, body);
        assertThat(WebhookSignature.verify(secret, header, body)).isTrue();
        assertThat(WebhookSignature.verify(secret, header, body + " ")).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, body)).isFalse();
        assertThat(
                        WebhookSignature.verify(
                                secret, header.replace("t=1764763200", "t=1764763201"), body))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, "v1=abc", body)).isFalse();
        assertThat(WebhookSignature.verify(secret, null, body)).isFalse();
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }
}
