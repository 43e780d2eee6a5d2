package org.filtermx.application.internal.outgoing;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.accounts.CredentialCache;
import org.filtermx.application.internal.accounts.LoginThrottle;
import org.filtermx.application.internal.breaker.WebhookEvents;
import org.filtermx.application.internal.breaker.WebhookEvents.OutgoingEvent;
import org.filtermx.application.internal.outgoing.SendingLimits.Counter;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.account.PasswordHash;
import org.filtermx.domain.model.outgoing.BurstRule;
import org.filtermx.domain.model.outgoing.IdentitySource;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUser;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * The submission ports' decisions for outgoing users. Counts are taken at the earliest point the
 * sender is known, each in the transaction of its SMTP command: a message at MAIL FROM and a
 * recipient at RCPT TO (so a client over its limit is stopped before it sends the data); only the
 * real senders of a smarthost whose identity is in a header field are counted at the end of DATA
 * ({@link #admit}). A connection slot is taken at the first MAIL FROM of a session and given back
 * when it closes.
 */
@Stateless
public class DefaultOutgoingPolicy implements OutgoingPolicy {

    static final Reply NEED_AUTH = Reply.of(530, "5.7.0", "Authentication required");

    /** Verified against for unknown users, so both failures cost the same PBKDF2 work. */
    private static final String DECOY_HASH = PasswordHash.decoy();

    @Inject private OutgoingUsers users;
    @Inject private SendingLimits limits;
    @Inject private LoginThrottle throttle;
    @Inject private CredentialCache cache;
    @Inject private LoginQueue logins;
    @Inject private InstallationSettings settings;
    @Inject private CircuitBreaker breaker;
    @Inject private WebhookEvents events;

    /** Not in a transaction: the throttle commits its reservation before the password is read. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthDecision authenticate(SmtpSession session, String username, String password) {
        if (username == null
                || password == null
                || username.length() > 320
                || password.length() > 1000) {
            return AuthDecision.invalidCredentials();
        }
        String login = LowerCase.of(username.strip());
        return logins.oneAtATime(login, () -> check(session, login, password));
    }

    /**
     * A password proven right within the credential cache's lifetime passes without a new attempt
     * (a wrong one never matches the cache, so this tells a guesser nothing); any other check first
     * reserves an attempt with the throttle (ADR 0013).
     */
    private AuthDecision check(SmtpSession session, String login, String password) {
        String key = "o:" + login;
        Optional<OutgoingUser> user = users.byLogin(login);
        if (user.isPresent()
                && user.get().passwordHash() != null
                && cache.verified(key, password, user.get().passwordHash())) {
            return AuthDecision.success(user.get().loginName());
        }
        long wait = reserve(login, session.clientAddress());
        if (wait > 0) {
            return AuthDecision.temporaryFailure(
                    "Too many failed logins; try again in " + wait + " seconds");
        }
        String hash = user.map(OutgoingUser::passwordHash).orElse(DECOY_HASH);
        if (!PasswordHash.matches(password.toCharArray(), hash) || user.isEmpty()) {
            return AuthDecision.invalidCredentials();
        }
        cache.remember(key, password, hash);
        throttle.succeededOutgoing(login, session.clientAddress());
        return AuthDecision.success(user.get().loginName());
    }

    /** A deadlock or lost connection on the counter's row is tried again twice (ADR 0013). */
    private long reserve(String login, String address) {
        for (int attempt = 1; ; attempt++) {
            try {
                return throttle.reserveOutgoing(login, address);
            } catch (EJBException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Reply sender(SmtpSession session, String reversePath) {
        Optional<OutgoingUser> found = users.of(session);
        if (found.isEmpty() || !limits.lock(found.get().id())) {
            return NEED_AUTH;
        }
        OutgoingUser user = found.get();
        String name = users.name(user);
        String identity = envelopeIdentity(user, reversePath);
        Optional<OutgoingLock> lock = limits.locked(user.id(), identities(identity));
        if (lock.isPresent()) {
            return lockReply(lock.get(), name, users.contact(user));
        }
        Optional<Reply> refusal =
                limits.takeSlot(
                        user.id(),
                        name,
                        user.limits().connections(),
                        settings.nodeName(),
                        session.id());
        if (refusal.isEmpty()) {
            refusal = limits.count(user.id(), counters(user, name, identity), 1, 0);
        }
        return refusal.orElse(Reply.ok("Sender ok"));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public RecipientDecision recipient(SmtpSession session, String reversePath, String recipient) {
        Optional<OutgoingUser> found = users.of(session);
        if (found.isEmpty() || !limits.lock(found.get().id())) {
            return RecipientDecision.refuse(NEED_AUTH);
        }
        OutgoingUser user = found.get();
        String identity = envelopeIdentity(user, reversePath);
        // Any recipient domain: this is the relay.
        return limits.count(user.id(), counters(user, users.name(user), identity), 0, 1)
                .map(RecipientDecision::refuse)
                .orElseGet(() -> RecipientDecision.accept(recipient));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<OutgoingSender> identify(
            SmtpSession session, String reversePath, UnaryOperator<String> header) {
        return users.of(session)
                .map(
                        user -> {
                            IdentitySource source = user.identitySource();
                            String identity = "";
                            if (source.smarthost() && source.header() != null) {
                                identity = IdentitySource.identityOf(header.apply(source.header()));
                            }
                            if (source.smarthost() && identity.isEmpty()) {
                                identity = IdentitySource.identityOf(reversePath);
                            }
                            return new OutgoingSender(
                                    user.id(),
                                    users.domainName(user),
                                    users.name(user),
                                    identity,
                                    user.autoLock(),
                                    users.contact(user));
                        });
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Reply> admit(OutgoingSender sender, int recipients) {
        Optional<OutgoingUser> found = users.byId(sender.userId());
        if (found.isEmpty() || !limits.lock(sender.userId())) {
            return Optional.of(
                    Reply.of(
                            550, "5.7.1", "The account " + sender.account() + " no longer exists"));
        }
        OutgoingUser user = found.get();
        Optional<OutgoingLock> lock = limits.locked(user.id(), identities(sender.identity()));
        if (lock.isPresent()) {
            return Optional.of(lockReply(lock.get(), sender.account(), sender.adminContact()));
        }
        IdentitySource source = user.identitySource();
        if (source.smarthost() && !source.fromEnvelope() && !sender.identity().isEmpty()) {
            // Others were counted at MAIL FROM and RCPT TO already.
            Optional<Reply> limited =
                    limits.count(
                            user.id(),
                            List.of(
                                    new Counter(
                                            sender.identity(),
                                            sender.identity() + " (via " + sender.account() + ")",
                                            user.limits())),
                            1,
                            recipients);
            if (limited.isPresent()) {
                return limited;
            }
        }
        // Before the scan: a burst locks the sender whatever its mail's score (ADR 0045).
        return breaker.count(sender, recipients)
                .map(
                        reason ->
                                lockReply(
                                        new OutgoingLock(
                                                user.id(),
                                                sender.identity(),
                                                Instant.now(),
                                                reason),
                                        sender.account(),
                                        sender.adminContact()));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean lockForSpam(OutgoingSender sender, String reason) {
        Optional<OutgoingUser> user = users.byId(sender.userId());
        if (user.isEmpty() || !user.get().autoLock() || !limits.lock(sender.userId())) {
            return false;
        }
        boolean locked = users.lock(sender.userId(), sender.identity(), reason);
        if (locked) {
            events.outgoing(
                    WebhookEvents.LOCKED,
                    new OutgoingEvent(
                            sender.domain(),
                            sender.userId(),
                            sender.account(),
                            sender.identity(),
                            reason == null || reason.isBlank() ? "spam" : reason,
                            "spam filter"));
        }
        return locked;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void closed(SmtpSession session) {
        limits.releaseSlot(settings.nodeName(), session.id());
    }

    /** The real sender known at MAIL FROM: the envelope sender of a {@code mail-from} smarthost. */
    private static String envelopeIdentity(OutgoingUser user, String reversePath) {
        return user.identitySource().fromEnvelope() ? IdentitySource.identityOf(reversePath) : "";
    }

    private static List<String> identities(String identity) {
        return identity.isEmpty() ? List.of("") : List.of("", identity);
    }

    /**
     * The counters at MAIL FROM and RCPT TO: the account; for a smarthost, the account with its
     * larger limits and the real sender when MAIL FROM names it.
     */
    static List<Counter> counters(OutgoingUser user, String name, String identity) {
        if (!user.identitySource().smarthost()) {
            return List.of(new Counter("", name, user.limits()));
        }
        List<Counter> counters = new ArrayList<>();
        counters.add(new Counter("", name + " (whole account)", user.limits().account()));
        if (!identity.isEmpty()) {
            counters.add(new Counter(identity, identity + " (via " + name + ")", user.limits()));
        }
        return counters;
    }

    /** RFC 3463 5.7.1: the account (or its sender) is locked; says whom to contact. */
    static Reply lockReply(OutgoingLock lock, String name, String contact) {
        String who =
                lock.identity().isEmpty()
                        ? "The account " + name
                        : "The sender " + lock.identity() + " of account " + name;
        String why =
                lock.reason().startsWith(BurstRule.REASON_PREFIX)
                        ? " is locked after an unusual burst of mail"
                        : " is locked for sending spam";
        return Reply.of(550, "5.7.1", who + why + "; contact " + contact);
    }
}
