package org.filtermx.smtp.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.filtermx.smtp.server.protocol.PathParser.ParsedPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathParserTest {

    private static Optional<String> mailbox(String path) {
        return PathParser.parse(path, 0, false, false).map(ParsedPath::address);
    }

    @Test
    void acceptsPlainMailbox() {
        assertThat(mailbox("<user@example.com>")).contains("user@example.com");
    }

    @Test
    void acceptsNullPathOnlyWhereAllowed() {
        assertThat(PathParser.parse("<>", 0, true, false).map(ParsedPath::address)).contains("");
        assertThat(mailbox("<>")).isEmpty();
    }

    @Test
    void stripsSourceRoute() {
        assertThat(mailbox("<@relay.one,@relay.two:user@example.com>"))
                .contains("user@example.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<user%other@example.com>",
                "<host!user@example.com>",
                "<\"quoted local\"@example.com>",
                "<\"a\\\"b\"@example.com>",
                "<user@[192.0.2.1]>",
                "<user@[IPv6:2001:db8::1]>",
                "<first.last+tag@sub-domain.example.com>"
            })
    void passesRelayTestFormsAndLiteralsAsWritten(String path) {
        assertThat(mailbox(path)).contains(path.substring(1, path.length() - 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "user@example.com",
                "<user@example.com",
                "<user>",
                "<user@>",
                "<@example.com>",
                "<us er@example.com>",
                "<user@-bad.example>",
                "<user@bad-.example>",
                "<user@exa_mple.com>",
                "<user..dots@example.com>",
                "<.user@example.com>",
                "<user@[300.1.1.1]>",
                "<\"unterminated@example.com>",
                "<user@example.com.>"
            })
    void refusesBadSyntax(String path) {
        assertThat(mailbox(path)).isEmpty();
    }

    @Test
    void acceptsLocalPartOnlyForRecipients() {
        assertThat(PathParser.parse("<Postmaster>", 0, false, true).map(ParsedPath::address))
                .contains("Postmaster");
        assertThat(PathParser.parse("<host!user>", 0, false, true).map(ParsedPath::address))
                .contains("host!user");
    }

    @Test
    void refusesOverlongLocalPart() {
        assertThat(mailbox("<" + "a".repeat(65) + "@example.com>")).isEmpty();
        assertThat(mailbox("<" + "a".repeat(64) + "@example.com>")).isPresent();
    }

    @Test
    void reportsWhereThePathEnds() {
        assertThat(PathParser.parse("FROM:<a@b.c> SIZE=1", 5, true, false))
                .map(ParsedPath::end)
                .contains(12);
    }
}
