package org.filtermx.infrastructure.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorDomainTest {

    private static AuthorDomain of(String from) {
        return AuthorDomain.of(
                new ParsedMessage(
                        List.of(new HeaderField("From", from)),
                        "",
                        "",
                        List.of(),
                        1,
                        0,
                        List.of()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "alice@Example.TEST|example.test",
                "Alice <alice@example.test>|example.test",
                "\"Doe, John\" <john@example.test>|example.test",
                "\"evil@spoof.test\" <alice@example.test>|example.test",
                "alice@example.test (Alice at evil@spoof.test)|example.test",
                "Team: alice@example.test;|example.test",
            })
    void findsTheDomainOfTheSingleAuthor(String from, String domain) {
        assertThat(of(from).domain()).isEqualTo(domain);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "alice",
                "Alice <alice@[192.0.2.1]>",
                "alice@localhost",
                "a@example.test, b@example.test",
                "Doe, John <john@example.test>",
            })
    void findsNoDomainWithoutExactlyOneUsableAddress(String from) {
        assertThat(of(from).valid()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void readsHostileFromFieldsQuickly() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(2),
                () -> {
                    assertThat(of("a@" + "a".repeat(100_000) + "-.b-").valid()).isFalse();
                    assertThat(of("(".repeat(100_000) + "a@example.test").valid()).isFalse();
                    assertThat(of("()".repeat(50_000) + "a@example.test").domain())
                            .isEqualTo("example.test");
                    assertThat(of("\"".repeat(100_001) + "a@example.test")).isNotNull();
                });
    }
}
