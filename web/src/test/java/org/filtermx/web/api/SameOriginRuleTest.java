package org.filtermx.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SameOriginRuleTest {

    private static final Set<String> OWN =
            Set.of("http://filter.example:8080", "https://filter.example");

    @Test
    void letsScriptsWithoutBrowserHeadersThrough() {
        assertThat(SameOriginRule.refusal(null, null, OWN)).isNull();
    }

    @Test
    void refusesCrossSiteAndSameSiteFetchMetadata() {
        assertThat(SameOriginRule.refusal("cross-site", null, OWN)).contains("another site");
        assertThat(SameOriginRule.refusal("same-site", "https://filter.example", OWN))
                .contains("another site");
        assertThat(SameOriginRule.refusal("Cross-Site", null, OWN)).isNotNull();
    }

    @Test
    void letsSameOriginAndUserInitiatedRequestsThrough() {
        assertThat(SameOriginRule.refusal("same-origin", "https://filter.example", OWN)).isNull();
        assertThat(SameOriginRule.refusal("none", null, OWN)).isNull();
    }

    @Test
    void refusesAnOriginThatIsNotOneOfOurs() {
        assertThat(SameOriginRule.refusal(null, "https://evil.example", OWN))
                .contains("evil.example");
        assertThat(SameOriginRule.refusal(null, "null", OWN)).isNotNull();
        assertThat(SameOriginRule.refusal(null, "http://filter.example", OWN)).isNotNull();
        assertThat(SameOriginRule.refusal(null, "https://filter.example.evil.example", OWN))
                .isNotNull();
        assertThat(SameOriginRule.refusal("same-origin", "https://evil.example", OWN)).isNotNull();
    }

    @Test
    void comparesOriginsWithoutDefaultPortsAndCase() {
        assertThat(SameOriginRule.refusal(null, "HTTPS://Filter.Example:443", OWN)).isNull();
        assertThat(SameOriginRule.refusal(null, "http://filter.example:8080", OWN)).isNull();
        assertThat(SameOriginRule.normalize("http://h:80/api/v1/x?y")).isEqualTo("http://h");
        assertThat(SameOriginRule.normalize("not a url")).isNull();
    }

    @Test
    void recognisesTheBodyTypesAFormCanSend() {
        assertThat(SameOriginRule.formType("text/plain;charset=UTF-8")).isTrue();
        assertThat(SameOriginRule.formType("Application/X-WWW-Form-Urlencoded")).isTrue();
        assertThat(SameOriginRule.formType("multipart/form-data; boundary=x")).isTrue();
        assertThat(SameOriginRule.formType("application/json")).isFalse();
        assertThat(SameOriginRule.formType("text/csv")).isFalse();
        assertThat(SameOriginRule.formType(null)).isFalse();
    }
}
