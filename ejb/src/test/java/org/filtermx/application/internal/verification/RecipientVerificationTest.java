package org.filtermx.application.internal.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.RecipientChecks;
import org.filtermx.application.port.CalloutSettings;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.application.port.RecipientProbe.Answer;
import org.filtermx.application.port.RecipientProbe.Result;
import org.filtermx.domain.model.domain.DestinationRoute;
import org.filtermx.smtp.api.Reply;
import org.junit.jupiter.api.Test;

class RecipientVerificationTest {

    private static final List<DestinationRoute> ROUTE =
            List.of(new DestinationRoute("127.0.0.1", 2525, 10));
    private static final HostedDomain DEFERRING =
            new HostedDomain(
                    "example.com", Set.of(), false, ROUTE, false, new RecipientChecks(true, false));
    private static final HostedDomain ACCEPTING =
            new HostedDomain(
                    "example.com", Set.of(), false, ROUTE, false, new RecipientChecks(true, true));

    /** A destination that knows alice and bob and refuses everyone else. */
    private static final Function<String, Result> VERIFYING =
            address ->
                    address.startsWith("alice@") || address.startsWith("bob@")
                            ? new Result(Answer.ACCEPTED, "250 ok")
                            : new Result(Answer.REFUSED, "550 5.1.1 unknown");

    private final InMemoryRecipientAnswers cache = new InMemoryRecipientAnswers();
    private final List<List<String>> probes = new CopyOnWriteArrayList<>();
    private volatile Function<String, Result> destination = VERIFYING;
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private long nanos = 0;
    private Set<String> emailUsers = Set.of();

    private final RecipientProbe probe =
            new RecipientProbe() {
                @Override
                public Result probe(List<DestinationRoute> routes, String recipient) {
                    throw new AssertionError("the callout asks with probeEach");
                }

                @Override
                public List<Result> probeEach(
                        List<DestinationRoute> routes, List<String> recipients, Duration budget) {
                    probes.add(recipients);
                    return recipients.stream().map(destination).toList();
                }
            };

    private final CalloutSettings settings =
            new CalloutSettings() {
                @Override
                public Duration validTtl() {
                    return Duration.ofHours(96);
                }

                @Override
                public Duration invalidTtl() {
                    return Duration.ofHours(2);
                }

                @Override
                public Duration timeout() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public int sessionLimit() {
                    return 5;
                }

                @Override
                public int domainRate() {
                    return 8;
                }
            };

    private final RecipientVerification verification =
            new RecipientVerification(
                    cache,
                    new VerificationLedger(cache),
                    probe,
                    settings,
                    address -> emailUsers.contains(address),
                    new Clock() {
                        @Override
                        public ZoneOffset getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            return this;
                        }

                        @Override
                        public Instant instant() {
                            return now;
                        }
                    },
                    () -> nanos);

    private Optional<Reply> check(String session, HostedDomain domain, String localPart) {
        return verification.check(session, domain, localPart);
    }

    @Test
    void refusesAnUnknownRecipientWith550AndRemembersIt() {
        assertThat(check("s1", DEFERRING, "nobody"))
                .contains(RecipientVerification.UNKNOWN_AT_DESTINATION);
        assertThat(RecipientVerification.UNKNOWN_AT_DESTINATION.line()).startsWith("550 5.1.1 ");
        assertThat(probes).hasSize(1);
        assertThat(check("s2", DEFERRING, "Nobody")).as("cached").isPresent();
        assertThat(probes).as("no second callout").hasSize(1);
    }

    @Test
    void theFirstCalloutAlsoAsksARandomAddressAndLaterOnesDoNot() {
        assertThat(check("s1", DEFERRING, "alice")).isEmpty();
        assertThat(probes.get(0)).hasSize(2).last().isEqualTo("alice@example.com");
        assertThat(probes.get(0).get(0)).startsWith(RecipientVerification.PROBE_PREFIX);
        assertThat(check("s1", DEFERRING, "bob")).isEmpty();
        assertThat(probes.get(1)).containsExactly("bob@example.com");
        assertThat(cache.catchAll("example.com", now)).contains(false);
    }

    @Test
    void aValidAnswerHoldsForItsLifetimeAndAnInvalidOneForItsOwn() {
        check("s1", DEFERRING, "alice");
        check("s1", DEFERRING, "nobody");
        int asked = probes.size();
        now = now.plus(Duration.ofHours(3));
        assertThat(check("s2", DEFERRING, "alice")).isEmpty();
        assertThat(probes).as("valid still cached after 3 h").hasSize(asked);
        check("s2", DEFERRING, "nobody");
        assertThat(probes).as("invalid expired after 2 h: asked again").hasSize(asked + 1);
    }

    @Test
    void aCatchAllDestinationIsNoticedAndNotAskedAgain() {
        destination = address -> new Result(Answer.ACCEPTED, "250 ok");
        assertThat(check("s1", DEFERRING, "anyone")).isEmpty();
        assertThat(check("s1", DEFERRING, "someone")).isEmpty();
        assertThat(check("s1", DEFERRING, "else")).isEmpty();
        assertThat(probes).as("one callout found the catch-all").hasSize(1);
        assertThat(cache.recipients).as("a catch-all's 250 vouches for no one").isEmpty();
    }

    @Test
    void aDestinationThatDoesNotAnswerDefersOrAcceptsAsTheDomainSays() {
        destination = address -> new Result(Answer.UNKNOWN, "did not answer in time");
        assertThat(check("s1", DEFERRING, "alice")).contains(RecipientVerification.NOT_VERIFIED);
        assertThat(RecipientVerification.NOT_VERIFIED.line()).startsWith("451 4.4.1 ");
        assertThat(check("s1", ACCEPTING, "alice")).isEmpty();
        assertThat(cache.recipients).as("no answer is remembered").isEmpty();
    }

    @Test
    void emailUsersAndPostmasterNeedNoCallout() {
        emailUsers = Set.of("carol@example.com");
        assertThat(check("s1", DEFERRING, "Carol")).isEmpty();
        assertThat(check("s1", DEFERRING, "postmaster")).isEmpty();
        assertThat(probes).isEmpty();
        assertThat(cache.find("example.com", "carol", now)).isPresent();
    }

    @Test
    void oneConnectionCausesAtMostItsLimitOfCallouts() {
        for (int i = 0; i < 5; i++) {
            assertThat(check("s1", DEFERRING, "made-up-" + i)).isPresent();
        }
        assertThat(check("s1", DEFERRING, "made-up-5"))
                .contains(RecipientVerification.SESSION_LIMIT);
        assertThat(RecipientVerification.SESSION_LIMIT.line()).startsWith("452 4.5.3 ");
        assertThat(probes).hasSize(5);
        assertThat(check("s1", DEFERRING, "made-up-0"))
                .as("a cached answer needs no callout, so no limit applies")
                .contains(RecipientVerification.UNKNOWN_AT_DESTINATION);
    }

    @Test
    void manyConnectionsCannotMakeMoreThanTheDomainRateOfCallouts() {
        for (int i = 0; i < 20; i++) {
            check("session-" + i, DEFERRING, "random-" + i);
        }
        assertThat(probes).as("8 a minute").hasSize(8);
        assertThat(check("other", DEFERRING, "random-99"))
                .contains(RecipientVerification.DOMAIN_BUSY);
        nanos += TimeUnit.SECONDS.toNanos(8);
        assertThat(check("other", DEFERRING, "alice")).as("refilled after 8 s").isEmpty();
    }

    @Test
    void twoRcptsForTheSameNewAddressAtOnceCauseOneCallout() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        destination =
                address -> {
                    asked.countDown();
                    try {
                        answer.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return VERIFYING.apply(address);
                };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Reply>> first = pool.submit(() -> check("s1", DEFERRING, "nobody"));
            assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Reply>> second = pool.submit(() -> check("s2", DEFERRING, "nobody"));
            Thread.sleep(200);
            answer.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS))
                    .contains(RecipientVerification.UNKNOWN_AT_DESTINATION);
            assertThat(second.get(5, TimeUnit.SECONDS))
                    .contains(RecipientVerification.UNKNOWN_AT_DESTINATION);
        } finally {
            pool.shutdownNow();
        }
        assertThat(probes).hasSize(1);
    }

    @Test
    void anOverlongLocalPartIsRefusedWithoutACallout() {
        assertThat(check("s1", DEFERRING, "x".repeat(65)))
                .contains(RecipientVerification.LOCAL_PART_TOO_LONG);
        assertThat(probes).isEmpty();
    }
}
