package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.junit.jupiter.api.Test;

class ReceivedFieldTest {

    private static final ZonedDateTime WHEN =
            ZonedDateTime.of(2026, 12, 3, 9, 30, 0, 0, ZoneOffset.UTC);

    @Test
    void namesAnIpv4ClientByItsAddressLiteral() {
        assertThat(field("192.0.2.25"))
                .startsWith("Received: from client.example ([192.0.2.25])\r\n\tby mx.test");
    }

    /** RFC 5321 section 4.1.3: an IPv6 address literal carries the IPv6: tag. */
    @Test
    void namesAnIpv6ClientByItsTaggedAddressLiteral() {
        assertThat(field("2001:db8::25"))
                .startsWith("Received: from client.example ([IPv6:2001:db8::25])\r\n\tby mx.test");
        assertThat(field("::1")).contains("([IPv6:::1])");
    }

    private static String field(String clientAddress) {
        SmtpSession session =
                new SmtpSession(
                        "s1",
                        Role.INBOUND,
                        clientAddress,
                        "client.example",
                        true,
                        null,
                        null,
                        null,
                        "mx.test");
        return new String(
                ReceivedField.of(session, "q1", "bob@example.org", WHEN), StandardCharsets.UTF_8);
    }
}
