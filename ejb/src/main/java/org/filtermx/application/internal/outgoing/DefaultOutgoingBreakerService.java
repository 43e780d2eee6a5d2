package org.filtermx.application.internal.outgoing;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.Caller;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.OutgoingBreakerService;
import org.filtermx.application.OutgoingUserService;
import org.filtermx.application.OutgoingUserService.LockEntry;
import org.filtermx.application.OutgoingUserService.OutgoingUserEntry;
import org.filtermx.application.port.BreakerSettings;
import org.filtermx.application.port.OutgoingBaselines;
import org.filtermx.application.port.OutgoingBaselines.Floor;
import org.filtermx.application.port.OutgoingBaselines.Identity;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.outgoing.Baseline;
import org.filtermx.domain.model.outgoing.Baseline.HourCount;
import org.filtermx.domain.model.outgoing.BurstRule;

/**
 * The breaker's state of an outgoing user, for the console and the API. The tenancy check is {@link
 * OutgoingUserService#get}'s: whoever may not see the user gets its {@code NotFound}. The baseline
 * shown is folded up to the last full hour in memory; only sending writes it.
 */
@Stateless
public class DefaultOutgoingBreakerService implements OutgoingBreakerService {

    /** Highest floor that can be set: far above any real account, in effect "off". */
    static final int MAX_FLOOR = 10_000_000;

    @Inject private OutgoingUserService users;
    @Inject private OutgoingBaselines baselines;
    @Inject private BreakerSettings settings;
    @Inject private CircuitBreaker breaker;

    @Override
    public BreakerStatus status(Caller caller, long id) {
        OutgoingUserEntry user = users.get(caller, id);
        return status(user);
    }

    @Override
    public BreakerStatus setFloors(Caller caller, long id, Integer messages, Integer recipients) {
        OutgoingUserEntry user = users.get(caller, id);
        if (caller.role() != AccountRole.ADMIN && caller.role() != AccountRole.RESELLER) {
            throw new Forbidden("only administrators and resellers set an outgoing user's floors");
        }
        if (messages == null && recipients == null) {
            baselines.clearFloor(id);
            return status(user);
        }
        int m = messages == null ? settings.floorMessages() : messages;
        int r = recipients == null ? settings.floorRecipients() : recipients;
        if (m < 1 || m > MAX_FLOOR || r < 1 || r > MAX_FLOOR) {
            throw new InvalidRequest("floors are 1 to " + MAX_FLOOR + " per hour");
        }
        baselines.setFloor(id, new Floor(m, r));
        return status(user);
    }

    private BreakerStatus status(OutgoingUserEntry user) {
        long id = user.id();
        Instant now = Instant.now();
        long hour = CircuitBreaker.hourOf(now);
        double alpha = breaker.alpha();
        BurstRule rule = breaker.rule(id);
        Map<String, String> locks = new LinkedHashMap<>();
        for (LockEntry l : user.locks()) {
            locks.put(l.identity(), l.reason());
        }
        Map<String, Identity> known = new LinkedHashMap<>();
        known.put("", null);
        for (Identity i : baselines.identities(id)) {
            known.put(i.identity(), i);
        }
        locks.keySet().forEach(k -> known.putIfAbsent(k, null));
        List<IdentityStatus> out = new ArrayList<>();
        for (Map.Entry<String, Identity> e : known.entrySet()) {
            String identity = e.getKey();
            Identity learned = e.getValue();
            Baseline b = learned == null ? Baseline.start(hour) : learned.baseline();
            if (b.foldedHour() < hour - 1) {
                b =
                        b.fold(
                                baselines.hours(
                                        id,
                                        identity,
                                        b.foldedHour(),
                                        hour - 1,
                                        settings.horizonHours() * 2),
                                hour - 1,
                                alpha);
            }
            HourCount current = baselines.hour(id, identity, hour);
            BurstRule.Judgement j = rule.judge(b, current.messages(), current.recipients());
            out.add(
                    new IdentityStatus(
                            identity,
                            round(b.messagesPerHour(alpha)),
                            round(b.recipientsPerHour(alpha)),
                            current.messages(),
                            current.recipients(),
                            j.messageLimit(),
                            j.recipientLimit(),
                            learned == null || b.hoursSeen() < rule.warmupHours(),
                            b.hoursSeen(),
                            learned == null ? null : learned.firstSeen(),
                            locks.get(identity)));
        }
        Optional<Floor> own = baselines.floor(id);
        long day = Math.floorDiv(now.getEpochSecond(), 86_400);
        return new BreakerStatus(
                id,
                user.domain(),
                settings.enabled(),
                rule.floorMessages(),
                rule.floorRecipients(),
                own.isPresent(),
                rule.factor(),
                rule.warmupHours(),
                user.locked(),
                !baselines.selfUnlockUsed(id, day),
                out);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
