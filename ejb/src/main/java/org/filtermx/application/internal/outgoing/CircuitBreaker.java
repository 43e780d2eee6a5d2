package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.filtermx.application.AuditLine;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.breaker.WebhookEvents;
import org.filtermx.application.internal.breaker.WebhookEvents.OutgoingEvent;
import org.filtermx.application.port.BreakerSettings;
import org.filtermx.application.port.OutgoingBaselines;
import org.filtermx.application.port.OutgoingBaselines.Floor;
import org.filtermx.application.port.OutgoingBaselines.Learned;
import org.filtermx.domain.model.outgoing.Baseline;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;
import org.filtermx.domain.model.outgoing.BurstRule;

/**
 * The outbound circuit breaker (issue 20, ADR 0045): counts each message of an outgoing identity
 * into its clock hour (one upsert per message, not per recipient), folds finished hours into the
 * identity's learned baseline, and locks the identity when the hour is a burst ({@link BurstRule}).
 * It runs at the end of DATA before the message is scanned, so a hacked account is stopped by its
 * volume before any spam score could tell; the lock is the same row the spam lock writes, so MAIL
 * FROM refuses further mail with {@code 550 5.7.1} and whom to contact. Runs in the caller's
 * transaction, which holds the outgoing user's row lock. A new lock is told to the panels' webhooks
 * and, by mail, to the administrator contact ({@link BreakerNotices}).
 */
@ApplicationScoped
class CircuitBreaker {

    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    @Inject private OutgoingBaselines baselines;
    @Inject private BreakerSettings settings;
    @Inject private OutgoingUsers users;
    @Inject private WebhookEvents events;
    @Inject private BreakerNotices notices;

    private final Clock clock = Clock.systemUTC();

    /** The hour number (hours since the epoch, UTC) of {@code t}. */
    static long hourOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600);
    }

    double alpha() {
        return 1.0 / settings.horizonHours();
    }

    /** The rule for a user: its own floors where set, else the cluster's. */
    BurstRule rule(long userId) {
        Optional<Floor> floor = baselines.floor(userId);
        return new BurstRule(
                floor.map(Floor::messages).orElse(settings.floorMessages()),
                floor.map(Floor::recipients).orElse(settings.floorRecipients()),
                settings.factor(),
                settings.warmupHours(),
                alpha());
    }

    /**
     * Counts one message and judges the sender's hour; when it is a burst, locks the identity and
     * returns the lock's reason (the caller refuses the message).
     */
    Optional<String> count(OutgoingSender sender, int recipients) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long hour = hourOf(now);
        long user = sender.userId();
        String identity = sender.identity();
        baselines.count(user, identity, hour, 1, recipients);
        Baseline baseline = current(user, identity, hour, now);
        HourCount counted = baselines.hour(user, identity, hour);
        BurstRule rule = rule(user);
        BurstRule.Judgement j = rule.judge(baseline, counted.messages(), counted.recipients());
        if (j.tripped().isEmpty()) {
            return Optional.empty();
        }
        String reason = j.tripped().get();
        if (users.lock(user, identity, reason)) {
            LOG.warning(
                    "outgoing breaker locked "
                            + sender.displayName()
                            + " of "
                            + sender.domain()
                            + ": "
                            + reason);
            new AuditLine(
                            "breaker",
                            "LOCK",
                            "/api/v1/outgoing-users/" + user,
                            WebhookEvents.LOCKED,
                            null,
                            "-",
                            550)
                    .log();
            events.outgoing(
                    WebhookEvents.LOCKED,
                    new OutgoingEvent(
                            sender.domain(), user, sender.account(), identity, reason, "breaker"));
            // Only a new lock is told: the identity's further mail is refused at MAIL FROM.
            notices.locked(
                    new BreakerNotice.Facts(
                            sender,
                            reason,
                            now,
                            counted.messages(),
                            counted.recipients(),
                            j.messageLimit(),
                            j.recipientLimit(),
                            baseline.messagesPerHour(rule.alpha()),
                            baseline.recipientsPerHour(rule.alpha()),
                            baseline.hoursSeen() < rule.warmupHours(),
                            !baselines.selfUnlockUsed(
                                    user, Math.floorDiv(now.getEpochSecond(), 86_400)),
                            notices.consoleUrl()));
        }
        return Optional.of(reason);
    }

    /**
     * The identity's baseline folded up to the hour before {@code hour}: started when it is new,
     * folded (once per hour, by whichever session comes first) when an hour has passed.
     */
    Baseline current(long user, String identity, long hour, Instant now) {
        Optional<Learned> learned = baselines.baseline(user, identity);
        if (learned.isEmpty()) {
            Baseline start = Baseline.start(hour);
            baselines.start(user, identity, start, now);
            return start;
        }
        Baseline b = learned.get().baseline();
        if (b.foldedHour() >= hour - 1) {
            return b;
        }
        List<HourCount> hours =
                baselines.hours(
                        user, identity, b.foldedHour(), hour - 1, settings.horizonHours() * 2);
        Baseline folded = b.fold(hours, hour - 1, alpha());
        if (baselines.replace(user, identity, b.foldedHour(), folded)) {
            return folded;
        }
        return baselines.baseline(user, identity).map(Learned::baseline).orElse(folded);
    }

    /** Deletes hourly counts older than twice the horizon (the baselines keep what they taught). */
    int purge() {
        return baselines.purgeHours(hourOf(clock.instant()) - 2L * settings.horizonHours());
    }
}
