package org.filtermx.application.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.account.AccountRole;
import org.junit.jupiter.api.Test;

/** The identity text the connector carries, and the header section a header fetch returns. */
class MailboxLoginTest {

    @Test
    void anIdentityNamesTheRoleAndTheAccount() {
        MailboxLogin login = new MailboxLogin(AccountRole.EMAIL_USER, "bob@example.com");
        assertThat(login.identity()).isEqualTo("EMAIL_USER:bob@example.com");
        assertThat(MailboxLogin.parse(login.identity())).contains(login);
        assertThat(MailboxLogin.parse("DOMAIN:a:b.example"))
                .contains(new MailboxLogin(AccountRole.DOMAIN, "a:b.example"));
    }

    @Test
    void textThatNoLoginMadeIsNoIdentity() {
        assertThat(MailboxLogin.parse(null)).isEmpty();
        assertThat(MailboxLogin.parse("")).isEmpty();
        assertThat(MailboxLogin.parse("admin")).isEmpty();
        assertThat(MailboxLogin.parse("ADMIN:")).isEmpty();
        assertThat(MailboxLogin.parse(":admin")).isEmpty();
        assertThat(MailboxLogin.parse("admin:admin")).isEmpty();
        assertThat(MailboxLogin.parse("ROOT:admin")).isEmpty();
    }

    @Test
    void theHeaderSectionEndsWithItsEmptyLine() {
        assertThat(header("Subject: a\r\n\r\nbody\r\n\r\nmore")).isEqualTo("Subject: a\r\n\r\n");
        assertThat(header("Subject: no body\r\n")).isEqualTo("Subject: no body\r\n");
        assertThat(header("\r\nbody only")).isEqualTo("\r\n");
        assertThat(header("")).isEmpty();
        assertThat(HeaderSection.find(bytes("Subject: a\r\n"))).isEqualTo(-1);
    }

    private static String header(String message) {
        return new String(HeaderSection.of(bytes(message)), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
