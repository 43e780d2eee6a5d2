package org.filtermx.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies =
            TrustedProxies.parse("10.0.0.0/8, 192.0.2.10 2001:db8:ffff::/48");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(TrustedProxies.none().clientAddress("10.1.1.1", List.of("198.51.100.7")))
                .isEqualTo("10.1.1.1");
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.7")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void theHeaderIsReadFromTheRightSkippingTrustedHops() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("1.2.3.4, 198.51.100.7, 192.0.2.10")))
                .as("the forged 1.2.3.4 is left of the first untrusted hop")
                .isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("1.2.3.4", "198.51.100.7")))
                .as("several fields are one list")
                .isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("2001:db8:ffff::1", List.of("2001:db8:1::7")))
                .isEqualTo("2001:db8:1:0:0:0:0:7");
        assertThat(
                        proxies.clientAddress(
                                "10.0.0.1", List.of("[2001:db8:1::7]:4711, 198.51.100.7:80")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void onlyTrustedHopsMeanTheLeftmostIsTheClient() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("10.2.2.2, 10.3.3.3")))
                .isEqualTo("10.2.2.2");
    }

    @Test
    void garbageStopsAtTheLastHopAProxyWrote() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("unknown"))).isEqualTo("10.0.0.1");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("evil.example, 10.9.9.9")))
                .isEqualTo("10.9.9.9");
    }

    @Test
    void aHugeHeaderIsCutAndScannedInLinearTime() {
        String header = "1.2.3.4,".repeat(500_000) + "198.51.100.7";
        long start = System.nanoTime();
        assertThat(proxies.clientAddress("10.0.0.1", List.of(header))).isEqualTo("198.51.100.7");
        String trusted = "10.0.0.2,".repeat(500_000) + "10.0.0.3";
        assertThat(proxies.clientAddress("10.0.0.1", List.of(trusted))).isEqualTo("10.0.0.2");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example"))
                .hasMessageContaining("proxy.example");
        assertThat(TrustedProxies.parse("::1").trusts("::1")).isTrue();
        assertThat(TrustedProxies.parse("127.0.0.1").trusts("127.0.0.2")).isFalse();
    }
}
