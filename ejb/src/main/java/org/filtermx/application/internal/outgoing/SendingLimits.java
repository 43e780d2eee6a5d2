package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.outgoing.OutgoingLimits;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository.Usage;
import org.filtermx.smtp.api.Reply;

/**
 * The check-and-count of outgoing users' limits, in the caller's transaction: the user's row is
 * locked first ({@link OutgoingUsageRepository#lockUser}), so that on every node the counts are
 * read and raised by one decision at a time and twenty parallel messages against a limit of ten
 * admit exactly ten. An hour is the sum of the last 60 per-minute counts.
 */
@ApplicationScoped
class SendingLimits {

    /** The window of the hourly limits. */
    static final Duration HOUR = Duration.ofHours(1);

    /**
     * A connection slot older than this no longer counts (its node may have died without saying
     * so); longer than any SMTP session the connector keeps open.
     */
    static final Duration MAX_SESSION_AGE = Duration.ofHours(1);

    @Inject private OutgoingUsageRepository usage;

    private final Clock clock;

    SendingLimits() {
        this.clock = Clock.systemUTC();
    }

    SendingLimits(OutgoingUsageRepository usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * One counter of a sender: the identity ({@code ""} for the account) with the name a refusal
     * uses for it and the limits that apply.
     */
    record Counter(String identity, String name, OutgoingLimits limits) {}

    /** Locks the user's row; false when the user no longer exists. */
    boolean lock(long userId) {
        return usage.lockUser(userId);
    }

    /** The first lock among the identities, or empty. */
    Optional<OutgoingLock> locked(long userId, List<String> identities) {
        for (String identity : identities) {
            Optional<OutgoingLock> lock = usage.findLock(userId, identity);
            if (lock.isPresent()) {
                return lock;
            }
        }
        return Optional.empty();
    }

    /**
     * Takes a connection slot for the session unless it holds one: the refusal when the user has as
     * many open as its limit allows.
     */
    Optional<Reply> takeSlot(long userId, String name, int limit, String node, String sessionId) {
        if (usage.holdsSession(node, sessionId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (limit > 0) {
            int open = usage.openSessions(userId, now.minus(MAX_SESSION_AGE));
            if (open >= limit) {
                return Optional.of(
                        Reply.of(
                                451,
                                "4.7.1",
                                name
                                        + " has "
                                        + open
                                        + " connections open, the limit is "
                                        + limit
                                        + "; close one and try again"));
            }
        }
        usage.openSession(node, sessionId, userId, now);
        return Optional.empty();
    }

    /**
     * Counts {@code messages} messages and {@code recipients} recipients against every counter when
     * all of them stay within their limits, else counts nothing and gives the refusal of the first
     * counter over its limit.
     */
    Optional<Reply> count(long userId, List<Counter> counters, int messages, int recipients) {
        Instant now = clock.instant();
        List<Counter> counted = new ArrayList<>();
        for (Counter c : counters) {
            Optional<Reply> over =
                    over(
                            c,
                            usage.usage(userId, c.identity(), now.minus(HOUR)),
                            messages,
                            recipients);
            if (over.isPresent()) {
                return over;
            }
            counted.add(c);
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        for (Counter c : counted) {
            usage.count(userId, c.identity(), minute, messages, recipients);
        }
        return Optional.empty();
    }

    /** RFC 3463 4.7.1 with words a customer understands; empty when within the limits. */
    static Optional<Reply> over(Counter c, Usage used, int messages, int recipients) {
        int messageLimit = c.limits().messagesPerHour();
        if (messages > 0 && messageLimit > 0 && used.messages() + messages > messageLimit) {
            return Optional.of(
                    limitReply(c.name(), "sent " + used.messages() + " messages", messageLimit));
        }
        int recipientLimit = c.limits().recipientsPerHour();
        if (recipients > 0
                && recipientLimit > 0
                && used.recipients() + recipients > recipientLimit) {
            return Optional.of(
                    limitReply(
                            c.name(),
                            "sent to " + used.recipients() + " recipients",
                            recipientLimit));
        }
        return Optional.empty();
    }

    private static Reply limitReply(String name, String done, int limit) {
        return Reply.of(
                451,
                "4.7.1",
                name
                        + " has "
                        + done
                        + " in the last hour, the limit is "
                        + limit
                        + "; try again later");
    }

    /** Gives back the session's slot. */
    void releaseSlot(String node, String sessionId) {
        usage.closeSession(node, sessionId);
    }
}
