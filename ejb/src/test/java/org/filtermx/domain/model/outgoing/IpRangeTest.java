package org.filtermx.domain.model.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void ipv4RangeHoldsItsAddressesOnly() {
        IpRange r = IpRange.parse("192.0.2.0/24");

        assertThat(r.text()).isEqualTo("192.0.2.0/24");
        assertThat(r.ipv4()).isTrue();
        assertThat(r.prefixLength()).isEqualTo(24);
        assertThat(r.contains("192.0.2.0")).isTrue();
        assertThat(r.contains("192.0.2.255")).isTrue();
        assertThat(r.contains("192.0.3.0")).isFalse();
        assertThat(r.contains("192.0.1.255")).isFalse();
        assertThat(r.contains("::ffff:192.0.2.7")).isTrue();
    }

    @Test
    void singleAddressIsAWholePrefix() {
        IpRange r = IpRange.parse("127.0.0.1");

        assertThat(r.text()).isEqualTo("127.0.0.1");
        assertThat(r.prefixLength()).isEqualTo(32);
        assertThat(r.contains("127.0.0.1")).isTrue();
        assertThat(r.contains("127.0.0.2")).isFalse();
    }

    @Test
    void ipv6RangeHoldsItsAddressesOnlyAndNoIpv4() {
        IpRange r = IpRange.parse("2001:DB8:10::/48");

        assertThat(r.text()).isEqualTo("2001:db8:10::/48");
        assertThat(r.ipv4()).isFalse();
        assertThat(r.contains("2001:db8:10:ffff::1")).isTrue();
        assertThat(r.contains("2001:db8:11::1")).isFalse();
        assertThat(r.contains("192.0.2.1")).isFalse();
        assertThat(IpRange.parse("::1").contains("::1")).isTrue();
    }

    @Test
    void refusesHostBitsAfterThePrefixNamingTheNetwork() {
        assertThatThrownBy(() -> IpRange.parse("192.0.2.7/24"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts at 192.0.2.0/24");
    }

    @Test
    void refusesBadPrefixesAndNames() {
        assertThatThrownBy(() -> IpRange.parse("192.0.2.0/33")).hasMessageContaining("at most 32");
        assertThatThrownBy(() -> IpRange.parse("2001:db8::/129"))
                .hasMessageContaining("at most 128");
        assertThatThrownBy(() -> IpRange.parse("192.0.2.0/"))
                .hasMessageContaining("no prefix length");
        assertThatThrownBy(() -> IpRange.parse("192.0.2.0/2x"))
                .hasMessageContaining("no prefix length");
        // Never resolved through DNS.
        assertThatThrownBy(() -> IpRange.parse("localhost"))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> IpRange.parse("256.0.0.1"))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThat(IpRange.key("mail.example.com")).isEmpty();
    }

    @Test
    void hostileMegabyteIsRefusedAtOnce() {
        String hostile = "1:".repeat(500_000) + "/" + "9".repeat(1000);
        long start = System.nanoTime();

        assertThatThrownBy(() -> IpRange.parse(hostile)).hasMessageContaining("too long");
        assertThat(IpRange.key(hostile)).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/24").contains(hostile)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void keysOrderAsAddressesAndOverlapsAreSeen() {
        IpRange wide = IpRange.parse("10.1.0.0/16");
        IpRange inside = IpRange.parse("10.1.2.0/24");
        IpRange beside = IpRange.parse("10.2.0.0/24");

        assertThat(wide.overlaps(inside)).isTrue();
        assertThat(inside.overlaps(wide)).isTrue();
        assertThat(wide.overlaps(beside)).isFalse();
        assertThat(IpRange.key("10.1.2.3").orElseThrow())
                .isGreaterThanOrEqualTo(inside.firstKey())
                .isLessThanOrEqualTo(inside.lastKey());
        assertThat(IpRange.key("10.1.2.3").orElseThrow()).hasSize(32);
    }
}
