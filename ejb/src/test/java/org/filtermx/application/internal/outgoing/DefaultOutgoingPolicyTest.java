package org.filtermx.application.internal.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.filtermx.domain.model.outgoing.IdentitySource;
import org.filtermx.domain.model.outgoing.OutgoingLimits;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUser;
import org.junit.jupiter.api.Test;

class DefaultOutgoingPolicyTest {

    @Test
    void anOrdinaryAccountHasOneCounterWithItsLimits() {
        OutgoingUser user = OutgoingUser.byLogin(1, "shop@example.com", "hash");

        assertThat(DefaultOutgoingPolicy.counters(user, "shop@example.com", ""))
                .extracting(SendingLimits.Counter::identity, SendingLimits.Counter::limits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", OutgoingLimits.DEFAULT));
    }

    @Test
    void aSmarthostCountsTheAccountWithTenTimesTheLimitsAndTheSenderWithItsOwn() {
        OutgoingUser user = OutgoingUser.byAddress(1);
        user.changeIdentitySource(IdentitySource.parse("mail-from"));
        user.changeLimits(new OutgoingLimits(5, 50, 2));

        List<SendingLimits.Counter> counters =
                DefaultOutgoingPolicy.counters(user, "192.0.2.0/24", "bob@example.com");

        assertThat(counters).hasSize(2);
        assertThat(counters.get(0).identity()).isEmpty();
        assertThat(counters.get(0).limits()).isEqualTo(new OutgoingLimits(50, 500, 2));
        assertThat(counters.get(1).identity()).isEqualTo("bob@example.com");
        assertThat(counters.get(1).name()).isEqualTo("bob@example.com (via 192.0.2.0/24)");
        assertThat(counters.get(1).limits()).isEqualTo(new OutgoingLimits(5, 50, 2));
    }

    @Test
    void aLockSaysWhoIsLockedForWhatAndWhomToContact() {
        Instant at = Instant.parse("2026-12-02T10:00:00Z");

        assertThat(
                        DefaultOutgoingPolicy.lockReply(
                                        new OutgoingLock(1, "", at, "spam"),
                                        "shop@example.com",
                                        "abuse@example.com")
                                .line())
                .isEqualTo(
                        "550 5.7.1 The account shop@example.com is locked for sending spam;"
                                + " contact abuse@example.com");
        assertThat(
                        DefaultOutgoingPolicy.lockReply(
                                        new OutgoingLock(1, "bob@example.com", at, "spam"),
                                        "192.0.2.0/24",
                                        "postmaster@mx.example.net")
                                .line())
                .isEqualTo(
                        "550 5.7.1 The sender bob@example.com of account 192.0.2.0/24 is locked"
                                + " for sending spam; contact postmaster@mx.example.net");
    }

    @Test
    void limitsWithinTheDefaultsAreThoseADomainLoginMaySet() {
        assertThat(new OutgoingLimits(50, 1000, 10).within(OutgoingLimits.DEFAULT)).isTrue();
        assertThat(new OutgoingLimits(500, 1000, 10).within(OutgoingLimits.DEFAULT)).isFalse();
        assertThat(new OutgoingLimits(0, 1000, 10).within(OutgoingLimits.DEFAULT))
                .as("0 is unlimited")
                .isFalse();
    }
}
