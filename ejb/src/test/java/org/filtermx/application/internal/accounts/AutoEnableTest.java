package org.filtermx.application.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.domain.model.account.ActivationRepository;
import org.junit.jupiter.api.Test;

class AutoEnableTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123Z");

    private boolean autoEnable = true;
    private final Set<String> users = new HashSet<>();
    private final List<List<String>> welcomed = new ArrayList<>();
    private final List<Instant> reportsFrom = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    private final HostedDomainDirectory directory =
            new HostedDomainDirectory() {
                @Override
                public Optional<HostedDomain> lookup(String name) {
                    return Optional.of(
                            new HostedDomain(
                                    "example.com", Set.of(), false, List.of(), autoEnable));
                }

                @Override
                public void invalidate() {}
            };

    private final ActivationRepository activations =
            new ActivationRepository() {
                @Override
                public OptionalLong autoEnableDomain(String name) {
                    return autoEnable ? OptionalLong.of(7) : OptionalLong.empty();
                }

                @Override
                public Set<String> existing(Collection<String> addresses) {
                    Set<String> found = new HashSet<>(addresses);
                    found.retainAll(users);
                    return found;
                }

                @Override
                public void activate(
                        long domainId, List<String> addresses, Instant now, Instant from) {
                    users.addAll(addresses);
                    reportsFrom.add(from);
                }

                @Override
                public Optional<Activation> claimWelcome(String address, Instant now) {
                    return Optional.empty();
                }

                @Override
                public List<String> pendingWelcomes(Instant dueBefore, int limit) {
                    return List.of();
                }
            };

    private final AutoEnable hook =
            new AutoEnable(
                    directory,
                    activations,
                    new AfterCommit() {
                        @Override
                        public void whenCommitted(Runnable action) {
                            afterCommit.add(action);
                        }
                    },
                    new WelcomeDispatch() {
                        @Override
                        public void sendSoon(List<String> addresses) {
                            welcomed.add(addresses);
                        }
                    });

    private void commit() {
        afterCommit.forEach(Runnable::run);
        afterCommit.clear();
    }

    @Test
    void aNewRecipientBecomesAUserWithReportsFromADayLaterAndItsWelcomeWaitsForTheCommit() {
        hook.heldSpam("example.com", List.of("New@Example.com"), NOW);

        assertThat(users).containsExactly("new@example.com");
        assertThat(reportsFrom).containsExactly(Instant.parse("2026-12-03T10:00:00.123Z"));
        assertThat(welcomed).as("nothing before the commit").isEmpty();
        commit();
        assertThat(welcomed).containsExactly(List.of("new@example.com"));
    }

    @Test
    void anExistingUserGetsNoSecondWelcome() {
        hook.heldSpam("example.com", List.of("new@example.com"), NOW);
        commit();
        hook.heldSpam("example.com", List.of("new@example.com"), NOW);
        commit();

        assertThat(welcomed).hasSize(1);
    }

    @Test
    void nothingHappensWithoutAutoEnable() {
        autoEnable = false;

        hook.heldSpam("example.com", List.of("new@example.com"), NOW);
        commit();

        assertThat(users).isEmpty();
        assertThat(welcomed).isEmpty();
    }

    @Test
    void aMessageToAThousandRecipientsActivatesABoundedNumber() {
        List<String> many =
                IntStream.range(0, 1000).mapToObj(i -> "u" + i + "@example.com").toList();

        hook.heldSpam("example.com", many, NOW);
        commit();

        assertThat(users).hasSize(AutoEnable.MAX_PER_MESSAGE);
        assertThat(welcomed).singleElement().asList().hasSize(AutoEnable.MAX_PER_MESSAGE);
    }

    @Test
    void addressesUnderAnAliasOrNotFitForAUserAreLeftAlone() {
        hook.heldSpam(
                "example.com",
                List.of("someone@alias.example", "\"quoted name\"@example.com", "a..b@example.com"),
                NOW);

        assertThat(users).isEmpty();
    }
}
