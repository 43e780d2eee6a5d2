package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 6125 section 6.4 DNS-ID matching, including the wildcard rules of section 6.4.3. */
class ServerIdentityTest {

    @Test
    void anExactNameMatchesCaseInsensitivelyAndWithATrailingDot() {
        assertThat(ServerIdentity.dnsIdMatches("mx.example.com", "MX.Example.COM")).isTrue();
        assertThat(ServerIdentity.dnsIdMatches("mx.example.com.", "mx.example.com")).isTrue();
        assertThat(ServerIdentity.dnsIdMatches("mx.example.com", "mx.example.com.")).isTrue();
        assertThat(ServerIdentity.dnsIdMatches("mx.example.com", "mx2.example.com")).isFalse();
    }

    @Test
    void aWildcardNamesExactlyOneLeftmostLabel() {
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", "mx.example.com")).isTrue();
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", "example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", ".example.com")).isFalse();
    }

    @Test
    void partialAndInnerWildcardsAndWildcardsOverATopLevelDomainMatchNothing() {
        assertThat(ServerIdentity.dnsIdMatches("m*.example.com", "mx.example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("mx.*.com", "mx.example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("*.com", "example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("*", "example")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("**.example.com", "mx.example.com")).isFalse();
    }

    @Test
    void aReferenceIdentityWithAWildcardOrEmptyLabelsMatchesNothing() {
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", "*.example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("mx..example.com", "mx..example.com")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("", "")).isFalse();
        assertThat(ServerIdentity.dnsIdMatches(null, "mx.example.com")).isFalse();
    }

    @Test
    void internationalizedNamesCompareAsALabels() {
        assertThat(ServerIdentity.dnsIdMatches("mx.xn--bcher-kva.example", "mx.bücher.example"))
                .isTrue();
    }

    @Test
    void hugeNamesAreRefusedQuickly() {
        String huge = "a".repeat(100_000) + ".example.com";
        assertThat(ServerIdentity.dnsIdMatches(huge, huge)).isFalse();
        assertThat(ServerIdentity.dnsIdMatches("*.example.com", huge)).isFalse();
    }
}
