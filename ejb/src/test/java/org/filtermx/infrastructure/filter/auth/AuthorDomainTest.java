package org.filtermx.infrastructure.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

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
}
