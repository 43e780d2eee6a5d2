package org.filtermx.application.internal.verification;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.port.GreylistSettings;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.MessageLogEntry;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.verification.GreylistRepository;
import org.filtermx.domain.model.verification.GreylistRepository.Triplet;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Greylisting at RCPT for domains that switched it on (ADR 0032): a triplet of client subnet (/24,
 * /64), sender and recipient seen for the first time is deferred with {@code 451 4.7.1} and passes
 * when retried after {@code FILTERMX_GREYLIST_DELAY}, as a real MTA retries and most spam software
 * does not. The state is in the database, so a retry may reach any node. Each deferral is written
 * to the message log as a deferred entry, so the customer finds the attempt when looking for a
 * message that has not arrived yet. One transaction per decision.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Greylisting {

    @Inject private GreylistRepository greylist;
    @Inject private MessageLogRepository log;
    @Inject private GreylistSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    /** The deferral for this RCPT, or empty when it passes. */
    public Optional<Reply> check(
            SmtpSession session, String reversePath, HostedDomain domain, String localPart) {
        Instant now = clock.instant();
        String subnet = ClientSubnet.of(session.clientAddress());
        int whitelistAt = settings.autoWhitelist();
        boolean whitelisted = whitelistAt > 0 && greylist.passes(subnet, now) >= whitelistAt;
        String recipient = LowerCase.of(localPart) + "@" + domain.name();
        String sender = reversePath == null ? "" : LowerCase.of(reversePath);
        String key = sha256(subnet + "|" + sender + "|" + recipient);
        Optional<Triplet> triplet = whitelisted ? Optional.empty() : greylist.find(key, now);
        return switch (GreylistRule.decide(triplet, whitelisted, now, settings.delay())) {
            case WHITELISTED -> Optional.empty();
            case NEW -> {
                greylist.firstSeen(key, now, now.plus(settings.retryWindow()));
                yield deferred(session, sender, domain, recipient, settings.delay().toSeconds());
            }
            case TOO_EARLY ->
                    deferred(
                            session,
                            sender,
                            domain,
                            recipient,
                            GreylistRule.secondsLeft(
                                    triplet.get().firstSeen(), now, settings.delay()));
            case FIRST_PASS -> {
                greylist.passed(key, now, now.plus(settings.maxAge()));
                greylist.countPass(subnet, now.plus(settings.maxAge()));
                yield Optional.empty();
            }
            case PASSED -> {
                greylist.passed(key, now, now.plus(settings.maxAge()));
                yield Optional.empty();
            }
        };
    }

    /** Answers 451 4.7.1 and logs the attempt as deferred. */
    private Optional<Reply> deferred(
            SmtpSession session, String sender, HostedDomain domain, String recipient, long wait) {
        String why = "greylisted: first attempt from " + ClientSubnet.of(session.clientAddress());
        Instant now = clock.instant();
        MessageLogEntry entry =
                new MessageLogEntry(
                        queueId(session),
                        Direction.INBOUND,
                        domain.name(),
                        session.clientAddress(),
                        session.heloName(),
                        sender,
                        List.of(recipient),
                        "",
                        "",
                        0,
                        now);
        entry.changeStatus(MessageStatus.DEFERRED, why, now);
        log.add(entry, why + ", answered 451 4.7.1; the sender may retry in " + wait + " seconds");
        return Optional.of(
                Reply.of(451, "4.7.1", "Greylisted, please try again in " + wait + " seconds"));
    }

    /** A log queue id of its own: the session's id and a random suffix, at most 64 characters. */
    private String queueId(SmtpSession session) {
        byte[] suffix = new byte[5];
        random.nextBytes(suffix);
        String id = session.id() + "-G" + HexFormat.of().formatHex(suffix);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
