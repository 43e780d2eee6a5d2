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
        assertThat(v.covers("example.com", List.of("alice@example.com", "bob@example.com")))
                .isTrue();
        assertThat(v.covers("example.com", List.of("alice@example.com"))).isFalse();
        assertThat(v.covers("example.net", List.of("bob@example.com"))).isFalse();
    }

    @Test
    void anEmailUserSeesOnlyItselfAmongTheRecipients() {
        Visibility bob = new Visibility(Set.of("example.com"), "bob@example.com");
        List<String> all = List.of("bob@example.com", "carol@example.com");
        assertThat(bob.shownRecipients(all)).containsExactly("bob@example.com");
        assertThat(bob.shownRecipients(List.of("carol@example.com"))).isEmpty();
        assertThat(new Visibility(Set.of("example.com"), null).shownRecipients(all)).isEqualTo(all);
    }

    @Test
    void otherRecipientsAddressesAreRedactedForAnEmailUser() {
        Visibility bob = new Visibility(Set.of("example.com"), "bob@example.com");
        List<String> all = List.of("bob@example.com", "carol@example.com");
        assertThat(bob.redact("550 5.1.1 <Carol@Example.com> unknown; bob@example.com ok", all))
                .isEqualTo("550 5.1.1 <another recipient> unknown; bob@example.com ok");
        assertThat(bob.aboutAnotherRecipient("carol@example.com: 250 2.0.0 ok", all)).isTrue();
        assertThat(bob.aboutAnotherRecipient("bob@example.com: 250 2.0.0 ok", all)).isFalse();
        Visibility domain = new Visibility(Set.of("example.com"), null);
        assertThat(domain.redact("carol@example.com: 250", all))
                .isEqualTo("carol@example.com: 250");
        assertThat(domain.aboutAnotherRecipient("carol@example.com: 250", all)).isFalse();
    }
}
