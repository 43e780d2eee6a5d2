package org.filtermx.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    @Test
    void everythingCoversEveryDomain() {
        assertThat(Visibility.EVERYTHING.covers("example.com")).isTrue();
        assertThat(Visibility.EVERYTHING.covers(null, List.of("a@example.com"))).isTrue();
    }

    @Test
    void domainBoundCoversOnlyItsDomains() {
        Visibility v = new Visibility(Set.of("example.com"), null);
        assertThat(v.covers("example.com")).isTrue();
        assertThat(v.covers("example.net")).isFalse();
        assertThat(v.covers(null)).isFalse();
    }

    @Test
    void addressBoundNeedsTheAddressAmongTheRecipients() {
        Visibility v = new Visibility(Set.of("example.com"), "bob@example.com");
        assertThat(v.covers("example.com", List.of("alice@example.com", "bob@example.com"))).isTrue();
        assertThat(v.covers("example.com", List.of("alice@example.com"))).isFalse();
        assertThat(v.covers("example.net", List.of("bob@example.com"))).isFalse();
    }
}
