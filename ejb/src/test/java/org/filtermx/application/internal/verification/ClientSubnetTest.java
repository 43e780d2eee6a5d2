package org.filtermx.application.internal.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientSubnetTest {

    @Test
    void ipv4AddressesAreKeyedByTheirSlash24() {
        assertThat(ClientSubnet.of("192.0.2.77")).isEqualTo("192.0.2.0/24");
        assertThat(ClientSubnet.of("192.0.2.1")).isEqualTo(ClientSubnet.of("192.0.2.254"));
        assertThat(ClientSubnet.of("192.0.3.1")).isNotEqualTo(ClientSubnet.of("192.0.2.1"));
    }

    @Test
    void ipv6AddressesAreKeyedByTheirSlash64() {
        assertThat(ClientSubnet.of("2001:db8:1:2:3:4:5:6"))
                .isEqualTo(ClientSubnet.of("2001:db8:1:2::ffff"))
                .endsWith("/64")
                .startsWith("2001:db8:1:2:");
        assertThat(ClientSubnet.of("2001:db8:1:3::1"))
                .isNotEqualTo(ClientSubnet.of("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedAddressCountsAsIpv4() {
        assertThat(ClientSubnet.of("::ffff:192.0.2.9")).isEqualTo("192.0.2.0/24");
    }

    @Test
    void aNameIsNeverLookedUp() {
        assertThat(ClientSubnet.of("dead.beef")).isEqualTo("dead.beef");
        assertThat(ClientSubnet.of("localhost")).isEqualTo("localhost");
    }
}
