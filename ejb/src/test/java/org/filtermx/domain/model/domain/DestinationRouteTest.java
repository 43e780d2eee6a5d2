package org.filtermx.domain.model.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationRouteTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mail.example.com",
                "MX1.Example.COM",
                "127.0.0.1",
                "localhost",
                "mx_internal.lan",
                "[2001:db8::1]",
                "[192.0.2.1]",
                "2001:db8::25",
                "mail.example.com."
            })
    void acceptsHostNamesAndAddresses(String host) {
        assertThat(new DestinationRoute(host, 2525, 10).host()).isEqualTo(host.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mx\r\nBcc: x@y.z",
                "mx example.com",
                "mx\u0000.example.com",
                "-mx.example.com",
                "mx..example.com",
                "",
                " ",
                "a@b.c",
                "[2001:db8::1",
                "2001:db8:::1",
                "[::1::2]",
                "[IPv6:]",
                "[IPv6:192.0.2.1x]",
                "[IPv6:192.0.2.1]",
                "[ipv6:[::1]]",
                "[mx.example.com]",
                "mx/evil",
                "e\u0301xample.com"
            })
    void refusesAnythingElse(String host) {
        assertThatThrownBy(() -> new DestinationRoute(host, 25, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 5321 section 4.1.3: the tagged literal is stored as the plain bracketed address. */
    @Test
    void acceptsTheSmtpIpv6AddressLiteral() {
        assertThat(new DestinationRoute("[IPv6:::1]", 2525, 10).host()).isEqualTo("[::1]");
        assertThat(new DestinationRoute(" [ipv6:2001:DB8::25] ", 25, 10).host())
                .isEqualTo("[2001:db8::25]");
    }

    @Test
    void refusesPortsAndPrioritiesOutOfRange() {
        assertThatThrownBy(() -> new DestinationRoute("mx.example.com", 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestinationRoute("mx.example.com", 65536, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestinationRoute("mx.example.com", 25, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
