package org.filtermx.smtp.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "::1, ::1",
        "::, ::",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80::1, fe80::1",
        "1::, 1::",
        "::ffff:192.0.2.1, 192.0.2.1",
        "::192.0.2.1, ::c000:201",
    })
    void writesAddressesInRfc5952Form(String address, String text) throws Exception {
        assertThat(ClientAddress.text(InetAddress.getByName(address))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "192.0.2.2, 192.0.2.2",
        "::ffff:192.0.2.1, 192.0.2.1",
        "::1, ::/64",
        "2001:db8::1, 2001:db8::/64",
        "2001:db8::ffff:ffff:ffff:ffff, 2001:db8::/64",
        "2001:db8:0:0:1234:5678:9abc:def0, 2001:db8::/64",
        "2001:db8:0:1::1, 2001:db8:0:1::/64",
        "2001:db8:aa:bb:cc:dd:ee:ff, 2001:db8:aa:bb::/64",
    })
    void countsIpv4ByAddressAndIpv6ByItsSlash64(String address, String network) throws Exception {
        assertThat(ClientAddress.network(InetAddress.getByName(address))).isEqualTo(network);
    }

    /**
     * A mapped address held as IPv6 (as a dual-stack socket can report it) counts as IPv4, and a
     * scope id never shows.
     */
    @Test
    void treatsMappedIpv6AsIpv4AndDropsTheScope() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 198;
        mapped[13] = 51;
        mapped[14] = 100;
        mapped[15] = 7;
        InetAddress held = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(held).isInstanceOf(Inet6Address.class);
        assertThat(ClientAddress.text(held)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.network(held)).isEqualTo("198.51.100.7");

        InetAddress scoped =
                Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 2);
        assertThat(scoped.getHostAddress()).contains("%");
        assertThat(ClientAddress.text(scoped)).isEqualTo("fe80::1");
    }
}
