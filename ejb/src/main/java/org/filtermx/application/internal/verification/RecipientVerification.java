package org.filtermx.application.internal.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.port.CalloutSettings;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.verification.KnownRecipient;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;
import org.filtermx.smtp.api.Reply;

/**
 * Verifies a new recipient of a domain that asked for it with a callout to the domain's destination
 * (ADR 0031), so that an unknown address is refused at RCPT instead of bounced later. In order: the
 * shared cache (an answer of any node), the domain's catch-all status, the panel's email users,
 * then the bounds (per connection, per domain) and finally one callout per address and node at a
 * time, whose answer every node then shares. A callout also asks a random address when the domain's
 * catch-all status is not known, in the same transaction.
 */
@ApplicationScoped
public class RecipientVerification {

    private static final Logger LOG = Logger.getLogger(RecipientVerification.class.getName());

    static final Reply UNKNOWN_AT_DESTINATION =
            Reply.of(550, "5.1.1", "Recipient address rejected: User unknown at the destination");

    /** RFC 3463 X.4.1: no answer from the host that would have said. */
    static final Reply NOT_VERIFIED =
            Reply.of(
                    451,
                    "4.4.1",
                    "Recipient address not verified: the destination did not answer in time, try"
                            + " again later");

    static final Reply DOMAIN_BUSY =
            Reply.of(
                    451,
                    "4.7.1",
                    "Too many new recipients for this domain right now, try again later");

    /** RFC 5321 section 4.5.3.1.10: the client sends the rest in a later transaction. */
    static final Reply SESSION_LIMIT =
            Reply.of(452, "4.5.3", "Too many new recipients in this session, try again later");

    static final Reply LOCAL_PART_TOO_LONG =
            Reply.of(550, "5.1.1", "Recipient address rejected: local part too long");

    /** The prefix of the made-up addresses that tell a catch-all apart. */
    static final String PROBE_PREFIX = "fmx-verify-";

    private final RecipientVerificationRepository cache;
    private final VerificationLedger ledger;
    private final RecipientProbe probe;
    private final CalloutSettings settings;
    private final Predicate<String> emailUser;
    private final Clock clock;
    private final CalloutLimits limits;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Reply>>> inFlight =
            new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Inject
    public RecipientVerification(
            RecipientVerificationRepository cache,
            VerificationLedger ledger,
            RecipientProbe probe,
            CalloutSettings settings,
            EmailUserRepository emailUsers) {
        this(
                cache,
                ledger,
                probe,
                settings,
                address -> emailUsers.findByAddress(address).isPresent(),
                Clock.systemUTC(),
                System::nanoTime);
    }

    RecipientVerification(
            RecipientVerificationRepository cache,
            VerificationLedger ledger,
            RecipientProbe probe,
            CalloutSettings settings,
            Predicate<String> emailUser,
            Clock clock,
            java.util.function.LongSupplier nanoTime) {
        this.cache = cache;
        this.ledger = ledger;
        this.probe = probe;
        this.settings = settings;
        this.emailUser = emailUser;
        this.clock = clock;
        this.limits =
                settings == null
                        ? null
                        : new CalloutLimits(
                                settings.sessionLimit(), settings.domainRate(), nanoTime);
    }

    /** For CDI's proxy. */
    protected RecipientVerification() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * The refusal for {@code localPart@domain}, or empty when it is accepted. {@code sessionId}
     * names the SMTP connection, whose callouts are bounded.
     */
    public Optional<Reply> check(String sessionId, HostedDomain domain, String localPart) {
        String part = LowerCase.of(localPart);
        // RFC 5321 section 4.5.1: postmaster is always accepted.
        if (part.equals("postmaster")) {
            return Optional.empty();
        }
        if (part.length() > KnownRecipient.MAX_LOCAL_PART) {
            return Optional.of(LOCAL_PART_TOO_LONG);
        }
        Instant now = clock.instant();
        Optional<KnownRecipient> known = cache.find(domain.name(), part, now);
        if (known.isPresent()) {
            return known.get().accepted() ? Optional.empty() : Optional.of(UNKNOWN_AT_DESTINATION);
        }
        Optional<Boolean> catchAll = cache.catchAll(domain.name(), now);
        if (catchAll.orElse(false)) {
            return Optional.empty();
        }
        if (emailUser.test(part + "@" + domain.name())) {
            remember(domain.name(), part, true, KnownRecipient.PANEL, now);
            return Optional.empty();
        }
        if (!limits.trySession(sessionId)) {
            return Optional.of(SESSION_LIMIT);
        }
        String key = part + "@" + domain.name();
        CompletableFuture<Optional<Reply>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Reply>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitOther(running, domain);
        }
        try {
            if (!limits.tryDomain(domain.name())) {
                mine.complete(Optional.of(DOMAIN_BUSY));
                return Optional.of(DOMAIN_BUSY);
            }
            if (!limits.tryEnter(domain.name())) {
                // The destination is slow already: no more threads wait on it.
                Optional<Reply> busy = unanswered(domain);
                mine.complete(busy);
                return busy;
            }
            Optional<Reply> answer;
            try {
                answer = callout(domain, part, catchAll.isEmpty());
            } finally {
                limits.leave(domain.name());
            }
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Shares the answer of the callout already asking about the same address on this node. */
    private Optional<Reply> awaitOther(
            CompletableFuture<Optional<Reply>> running, HostedDomain domain) {
        try {
            return running.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered(domain);
        } catch (ExecutionException | TimeoutException e) {
            return unanswered(domain);
        }
    }

    private Optional<Reply> callout(HostedDomain domain, String part, boolean askCatchAll) {
        String address = part + "@" + domain.name();
        List<String> asked =
                askCatchAll ? List.of(randomAddress(domain.name()), address) : List.of(address);
        long started = System.nanoTime();
        List<RecipientProbe.Result> results =
                probe.probeEach(domain.routes(), asked, settings.timeout());
        CalloutAnswer answer =
                CalloutAnswer.judge(
                        askCatchAll ? results.get(0) : null, results.get(results.size() - 1));
        Instant now = clock.instant();
        LOG.info(
                "callout for "
                        + address
                        + " in "
                        + Duration.ofNanos(System.nanoTime() - started).toMillis()
                        + " ms: "
                        + answer.verdict()
                        + (answer.catchAll() == null ? "" : ", catch-all " + answer.catchAll())
                        + " ("
                        + results.get(results.size() - 1).detail()
                        + ")");
        if (answer.catchAll() != null) {
            try {
                ledger.rememberCatchAll(
                        domain.name(), answer.catchAll(), now, now.plus(settings.invalidTtl()));
            } catch (RuntimeException e) {
                LOG.warning("catch-all status of " + domain.name() + " not kept: " + e);
            }
        }
        return switch (answer.verdict()) {
            case VALID -> {
                remember(domain.name(), part, true, KnownRecipient.CALLOUT, now);
                yield Optional.empty();
            }
            case INVALID -> {
                remember(domain.name(), part, false, KnownRecipient.CALLOUT, now);
                yield Optional.of(UNKNOWN_AT_DESTINATION);
            }
            case CATCH_ALL -> Optional.empty();
            case UNANSWERED -> unanswered(domain);
        };
    }

    private Optional<Reply> unanswered(HostedDomain domain) {
        return domain.checks().acceptUnverified() ? Optional.empty() : Optional.of(NOT_VERIFIED);
    }

    private void remember(
            String domain, String part, boolean accepted, String source, Instant now) {
        Duration ttl = accepted ? settings.validTtl() : settings.invalidTtl();
        try {
            ledger.remember(new KnownRecipient(domain, part, accepted, source, now, now.plus(ttl)));
        } catch (RuntimeException e) {
            // The answer still holds for this RCPT; a lost entry costs one callout later.
            LOG.warning("callout answer for " + part + "@" + domain + " not kept: " + e);
        }
    }

    private String randomAddress(String domain) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return PROBE_PREFIX + HexFormat.of().formatHex(bytes) + "@" + domain;
    }
}
