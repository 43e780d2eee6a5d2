package org.filtermx.domain.model.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.filtermx.domain.model.filter.FilterListEntry.ListAction;
import org.filtermx.domain.model.filter.FilterListEntry.MatchOn;
import org.filtermx.domain.model.filter.FilterListEntry.OwnerType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterListEntryTest {

    @ParameterizedTest
    @ValueSource(strings = {"friend@partner.example", "partner.example", "@partner.example"})
    void acceptsAddressesAndDomains(String pattern) {
        assertThat(
                        new FilterListEntry(
                                        OwnerType.DOMAIN,
                                        "example.com",
                                        ListAction.ALLOW,
                                        MatchOn.SENDER,
                                        pattern)
                                .pattern())
                .isEqualTo(pattern);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\r\nBcc: x@y.z",
                "a\nb",
                "a\rb",
                "a\u0000b",
                "a b",
                "a<b",
                "a,b",
                "a;b",
                "\"a\"",
                "a@",
                ""
            })
    void refusesLineBreaksControlsAndSeparators(String pattern) {
        assertThatThrownBy(
                        () ->
                                new FilterListEntry(
                                        OwnerType.DOMAIN,
                                        "example.com",
                                        ListAction.ALLOW,
                                        MatchOn.SENDER,
                                        pattern))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
