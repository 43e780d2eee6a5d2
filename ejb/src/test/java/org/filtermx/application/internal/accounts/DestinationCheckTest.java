package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationCheckTest {

    private static final Set<Integer> OWN = Set.of(2525, 5870, 8080, 9990);

    @Test
    void refusesLoopbackInEveryForm() throws Exception {
        assertThat(refusal("127.0.0.1", 25)).contains("loopback");
        assertThat(refusal("127.8.9.10", 25)).contains("loopback");
        assertThat(refusal("::1", 25)).contains("loopback");
        assertThat(refusal("::ffff:127.0.0.1", 25)).contains("loopback");
    }

    @Test
    void refusesUnspecifiedLinkLocalMulticastAndBroadcast() throws Exception {
        assertThat(refusal("0.0.0.0", 25)).contains("unspecified");
        assertThat(refusal("0.1.2.3", 25)).contains("unspecified");
        assertThat(refusal("::", 25)).contains("unspecified");
        assertThat(refusal("169.254.169.254", 80)).contains("link-local");
        assertThat(refusal("fe80::1", 25)).contains("link-local");
        assertThat(refusal("224.0.0.1", 25)).contains("multicast");
        assertThat(refusal("ff02::1", 25)).contains("multicast");
        assertThat(refusal("255.255.255.255", 25)).contains("broadcast");
    }

    @Test
    void allowsOrdinaryAddressesOnAnyPort() throws Exception {
        assertThat(refusal("192.0.2.10", 25)).isNull();
        assertThat(refusal("10.1.2.3", 2525)).isNull();
        assertThat(refusal("2001:db8::25", 25)).isNull();
    }

    @Test
    void refusesThisHostsOwnAddressesOnlyOnFilterMxPorts() throws Exception {
        InetAddress own =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                        .stream()
                        .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .findFirst()
                        .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(own != null, "this machine has only loopback");

        assertThat(DestinationCheck.refusal(own, 2525, OWN)).contains("own listeners");
        assertThat(DestinationCheck.refusal(own, 9990, OWN)).contains("own listeners");
        assertThat(DestinationCheck.refusal(own, 25, OWN)).isNull();
    }

    @Test
    void tellsLiteralAddressesFromHostNames() {
        assertThat(DestinationCheck.isLiteral("192.0.2.1")).isTrue();
        assertThat(DestinationCheck.isLiteral("2001:db8::1")).isTrue();
        assertThat(DestinationCheck.isLiteral("mail.example.com")).isFalse();
        assertThat(DestinationCheck.isLiteral("1.2.3")).isFalse();
        assertThat(DestinationCheck.isLiteral("1.2.3.4.example")).isFalse();
    }

    private static String refusal(String literal, int port) throws Exception {
        return DestinationCheck.refusal(InetAddress.getByName(literal), port, OWN);
    }
}
