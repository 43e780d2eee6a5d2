package org.filtermx.infrastructure.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

    @Test
    void addressesOfTheNodesOwnNetworksAreNotPublic() throws Exception {
        for (String a :
                new String[] {
                    "127.0.0.1",
                    "10.1.2.3",
                    "172.16.0.1",
                    "192.168.1.1",
                    "169.254.169.254",
                    "100.64.0.1",
                    "0.0.0.0",
                    "224.0.0.1",
                    "::1",
                    "fe80::1",
                    "fd00::1",
                    "::"
                }) {
            assertThat(PublicAddresses.isPublic(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String a : new String[] {"192.0.2.10", "8.8.8.8", "100.128.0.1", "2001:db8::1"}) {
            assertThat(PublicAddresses.isPublic(InetAddress.getByName(a))).as(a).isTrue();
        }
    }

    @Test
    void aLoopbackHostIsRefusedWithItsAddress() {
        assertThat(PublicAddresses.refusal("127.0.0.1")).contains("127.0.0.1 is not public");
        assertThat(PublicAddresses.refusal("[::1]")).contains("is not public");
        assertThat(PublicAddresses.refusal("192.0.2.10")).isNull();
    }
}
