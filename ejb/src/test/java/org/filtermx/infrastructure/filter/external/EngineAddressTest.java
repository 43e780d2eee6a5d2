package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EngineAddressTest {

    @Test
    void readsHostAndPort() {
        InetSocketAddress address = EngineAddress.parse("127.0.0.1:13310", 3310);

        assertThat(address.getHostString()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isEqualTo(13310);
        assertThat(address.isUnresolved()).isTrue();
    }

    @Test
    void takesTheEnginesUsualPortForABareHost() {
        assertThat(EngineAddress.parse("clamd.internal", 3310).getPort()).isEqualTo(3310);
        assertThat(EngineAddress.parse("::1", 783).getHostString()).isEqualTo("::1");
    }

    @Test
    void readsBracketedIpv6Literals() {
        InetSocketAddress address = EngineAddress.parse("[::1]:10783", 783);

        assertThat(address.getHostString()).isEqualTo("::1");
        assertThat(address.getPort()).isEqualTo(10783);
        assertThat(EngineAddress.describe(address)).isEqualTo("[::1]:10783");
    }

    @Test
    void refusesPortsOutsideTheTcpRange() {
        assertThatThrownBy(() -> EngineAddress.parse("127.0.0.1:0", 3310))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineAddress.parse("127.0.0.1:65536", 3310))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineAddress.parse(":3310", 3310))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
