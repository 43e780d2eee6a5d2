package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class FreshDnsRecordsTest {

    @Test
    void ipv6AddressesAreShownInTheirShortForm() throws Exception {
        assertThat(short6("2001:db8:0:0:0:0:0:25")).isEqualTo("2001:db8::25");
        assertThat(short6("::1")).isEqualTo("::1");
        assertThat(short6("::")).isEqualTo("::");
        assertThat(short6("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(short6("2001:0:0:1:0:0:1:1")).isEqualTo("2001::1:0:0:1:1");
        assertThat(short6("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(short6("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
    }

    private static String short6(String address) throws Exception {
        return FreshDnsRecords.rfc5952(InetAddress.getByName(address).getAddress());
    }
}
