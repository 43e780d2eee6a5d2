package org.filtermx.application.internal.quarantine;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.HeldMessageContent;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.QuarantineDetails;
import org.filtermx.application.QuarantineEntry;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.internal.whatif.HeldByScore;
import org.filtermx.application.port.MessageReader;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.quarantine.HeldRecipient;
import org.filtermx.domain.model.quarantine.QuarantineQuery;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantineSummary;
import org.filtermx.domain.model.quarantine.QuarantinedMessage;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The quarantine within the caller's bounds ({@link Tenancy}). Each action on each message runs in
 * a transaction of its own ({@link QuarantineActions}), so one failing message in a bulk action
 * leaves the others done.
 */
@Stateless
public class DefaultQuarantineService implements QuarantineService {

    static final int MAX_BULK = 500;

    @Inject private QuarantineRepository quarantine;
    @Inject private QuarantineActions actions;
    @Inject private Tenancy tenancy;
    @Inject private ReleaseLinkKeys linkKeys;
    @Inject private ReleaseLinks links;
    @Inject private MessageReader reader;

    @Override
    public List<QuarantineEntry> list(Caller caller, Filter f) {
        Visibility v = tenancy.of(caller);
        QuarantineQuery query =
                new QuarantineQuery(
                        v.domains(),
                        v.address(),
                        lower(f.domain()),
                        lower(f.recipient()),
                        lower(f.sender()),
                        direction(f.direction()),
                        f.before(),
                        f.limit());
        return quarantine.search(query).stream().map(q -> view(v, q)).toList();
    }

    @Override
    public QuarantineDetails get(Caller caller, long id) {
        Visibility v = tenancy.of(caller);
        QuarantinedMessage m = visible(v, id);
        List<QuarantineDetails.Recipient> recipients =
                quarantine.recipientsOf(id).stream()
                        .filter(r -> v.address() == null || r.address().equals(v.address()))
                        .map(r -> new QuarantineDetails.Recipient(r.address(), r.releasedAt()))
                        .toList();
        List<QuarantineDetails.AuditEntry> audit =
                quarantine.auditOf(id).stream()
                        .filter(a -> v.address() == null || v.address().equals(a.recipient()))
                        .map(
                                a ->
                                        new QuarantineDetails.AuditEntry(
                                                a.occurredAt(),
                                                a.action(),
                                                a.recipient(),
                                                a.actor(),
                                                a.actorAddress(),
                                                v.redact(a.detail(), m.recipients())))
                        .toList();
        QuarantineEntry entry = view(v, m);
        return new QuarantineDetails(
                entry, recipients, audit, HeldByScore.deliveredAtThreshold(entry));
    }

    /**
     * For an email user without the header fields that name blind copies ({@link BlindCopyFields}).
     */
    @Override
    public byte[] content(Caller caller, long id) {
        Visibility v = tenancy.of(caller);
        byte[] content = visible(v, id).content();
        return v.address() == null ? content : BlindCopyFields.remove(content);
    }

    @Override
    public HeldMessageContent read(Caller caller, long id) {
        return reader.read(content(caller, id));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Outcome act(Caller caller, long id, Action action, String recipient) {
        return actions.perform(tenancy.of(caller), actor(caller), id, require(action), recipient);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Outcome> actOnAll(Caller caller, List<Long> ids, Action action) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidRequest("ids must name at least one held message");
        }
        if (ids.size() > MAX_BULK) {
            throw new InvalidRequest("at most " + MAX_BULK + " messages per bulk action");
        }
        Visibility v = tenancy.of(caller);
        QuarantineActions.Actor actor = actor(caller);
        List<Outcome> outcomes = new ArrayList<>();
        for (Long id : ids.stream().distinct().toList()) {
            try {
                outcomes.add(actions.perform(v, actor, id, require(action), null));
            } catch (NotFound | Conflict | InvalidRequest | Forbidden e) {
                outcomes.add(new Outcome(id, action, false, e.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    public String releaseLink(Caller caller, long id, String recipient) {
        Visibility v = tenancy.of(caller);
        QuarantinedMessage m = visible(v, id);
        String r = v.address() != null ? v.address() : lower(recipient);
        if (r == null) {
            throw new InvalidRequest(
                    "recipient is required: a release link releases one recipient's copy");
        }
        if (!m.recipients().contains(r)) {
            throw new InvalidRequest(r + " is not a recipient of held message " + id);
        }
        return links.link(id, r, m.expiresAt());
    }

    @Override
    public ReleaseLinkTarget inspectLink(String token) {
        ReleaseTokens.Claims claims = claims(token);
        QuarantinedMessage m =
                quarantine
                        .find(claims.quarantineId())
                        .filter(q -> q.recipients().contains(claims.recipient()))
                        .orElseThrow(
                                () ->
                                        new InvalidRequest(
                                                "this message is no longer in the quarantine"));
        boolean released =
                quarantine.recipientsOf(m.id()).stream()
                        .filter(r -> r.address().equals(claims.recipient()))
                        .allMatch(HeldRecipient::released);
        return new ReleaseLinkTarget(
                m.id(),
                claims.recipient(),
                m.sender(),
                m.subject(),
                m.createdAt().toString(),
                released);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Outcome releaseByLink(String token, String remoteAddress) {
        ReleaseTokens.Claims claims = claims(token);
        Visibility own = new Visibility(null, claims.recipient());
        QuarantineActions.Actor actor =
                new QuarantineActions.Actor("release link of " + claims.recipient(), remoteAddress);
        try {
            return actions.perform(
                    own, actor, claims.quarantineId(), Action.RELEASE, claims.recipient());
        } catch (Conflict e) {
            return new Outcome(claims.quarantineId(), Action.RELEASE, false, e.getMessage());
        } catch (NotFound e) {
            throw new InvalidRequest("this message is no longer in the quarantine");
        }
    }

    /**
     * The claims of a valid link. A link signed with a retired key counts only for a message held
     * before that key was retired (ADR 0018): the links mailed earlier keep working, while a leaked
     * old key cannot forge links for mail held since.
     */
    private ReleaseTokens.Claims claims(String token) {
        ReleaseLinkKeys.Keys keys = linkKeys.current();
        ReleaseTokens.Claims claims =
                keys.tokens()
                        .verify(token)
                        .filter(c -> keys.vouches(c.keyId(), c.quarantineId()))
                        .orElseThrow(
                                () ->
                                        new InvalidRequest(
                                                "this release link is not valid; it may have been cut short or altered"));
        if (!claims.expiresAt().isAfter(Instant.now())) {
            throw new InvalidRequest("this release link has expired, as has the message it named");
        }
        return claims;
    }

    private QuarantinedMessage visible(Visibility v, long id) {
        return quarantine
                .find(id)
                .filter(q -> v.covers(q.domain(), q.recipients()))
                .orElseThrow(() -> new NotFound("no held message " + id));
    }

    /**
     * The stored direction for a filter: {@code inbound} or {@code outbound}, also written {@code
     * incoming} and {@code outgoing}; null for both.
     */
    static String direction(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        return switch (LowerCase.of(filter.strip())) {
            case "inbound", "incoming", "in" -> "INBOUND";
            case "outbound", "outgoing", "out" -> "OUTBOUND";
            default ->
                    throw new InvalidRequest(
                            "direction must be inbound (incoming) or outbound (outgoing)");
        };
    }

    private static QuarantineService.Action require(Action action) {
        if (action == null) {
            throw new InvalidRequest("action is required");
        }
        return action;
    }

    private static QuarantineActions.Actor actor(Caller caller) {
        return new QuarantineActions.Actor(
                caller.username(),
                caller.remoteAddress(),
                caller.role() == AccountRole.ADMIN || caller.role() == AccountRole.RESELLER);
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : LowerCase.of(s.strip());
    }

    /**
     * The held message as {@code v} may see it: an email user sees itself as the only recipient.
     */
    private static QuarantineEntry view(Visibility v, QuarantinedMessage q) {
        return new QuarantineEntry(
                q.id(),
                q.queueId(),
                q.logId(),
                q.domain(),
                q.direction(),
                q.sender(),
                v.shownRecipients(q.recipients()),
                q.subject(),
                q.verdict(),
                q.score(),
                q.reasons(),
                q.size(),
                q.createdAt(),
                q.expiresAt());
    }

    private static QuarantineEntry view(Visibility v, QuarantineSummary q) {
        return new QuarantineEntry(
                q.id(),
                q.queueId(),
                q.logId(),
                q.domain(),
                q.direction(),
                q.sender(),
                v.shownRecipients(List.of(q.recipients().split(","))),
                q.subject(),
                q.verdict(),
                q.score(),
                q.reasons(),
                q.size(),
                q.createdAt(),
                q.expiresAt());
    }
}
