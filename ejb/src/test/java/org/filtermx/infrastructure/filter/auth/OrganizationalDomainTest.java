package org.filtermx.infrastructure.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationalDomainTest {

    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.Example.COM., example.com",
        "news.example.co.uk, example.co.uk",
        "example.co.uk, example.co.uk",
        "shop.example.com.au, example.com.au",
        "com, com",
    })
    void takesOneLabelBelowThePublicSuffix(String domain, String organization) {
        assertThat(OrganizationalDomain.of(domain)).isEqualTo(organization);
    }

    @Test
    void alignsRelaxedlyByOrganizationAndStrictlyByName() {
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", false))
                .isTrue();
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", true))
                .isFalse();
        assertThat(OrganizationalDomain.aligned("Example.com.", "example.com", true)).isTrue();
        assertThat(OrganizationalDomain.aligned("a.co.uk", "b.co.uk", false)).isFalse();
        assertThat(OrganizationalDomain.aligned("", "example.com", false)).isFalse();
    }
}
