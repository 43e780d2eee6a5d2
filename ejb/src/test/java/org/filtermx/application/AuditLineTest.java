package org.filtermx.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLineTest {

    @Test
    void aRequestIsOneLineOfKeysInAFixedOrder() {
        assertThat(
                        new AuditLine(
                                        "api",
                                        "PUT",
                                        "/api/v1/domains/a.example/settings",
                                        null,
                                        "admin",
                                        "192.0.2.7",
                                        200)
                                .text())
                .isEqualTo(
                        "source=api method=PUT path=/api/v1/domains/a.example/settings action=\"\""
                                + " caller=admin client=192.0.2.7 status=200");
    }

    @Test
    void anUnknownCallerIsADashAndAHostilePathStaysInItsValue() {
        String text =
                new AuditLine(
                                "console",
                                "POST",
                                "/console/x\r\ncaller=admin status=200",
                                "form:save",
                                null,
                                "::1",
                                403)
                        .text();

        assertThat(text)
                .isEqualTo(
                        "source=console method=POST path=\"/console/xcaller=admin status=200\""
                                + " action=form:save caller=- client=::1 status=403");
    }
}
