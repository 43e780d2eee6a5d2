package org.filtermx.application.internal.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.HeldMessageContent;
import org.filtermx.application.NotFound;
import org.filtermx.application.QuarantineDetails;
import org.filtermx.application.QuarantineEntry;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.quarantine.MailboxIndex;
import org.filtermx.domain.model.quarantine.MailboxMessage;
import org.filtermx.domain.model.quarantine.MailboxScope;
import org.filtermx.domain.model.quarantine.QuarantineMailboxRepository;

/**
 * An in-memory quarantine behind both the folder reads and the actions, with the bounds of the real
 * ones (the SQL of the reads is tested on H2 by {@code JpaQuarantineMailboxRepositoryTest}): enough
 * to show what the mailboxes ask for and what they leave alone.
 */
class FakeQuarantine implements QuarantineMailboxRepository, QuarantineService {

    static final class Held {
        final long id;
        final String domain;
        final String direction;
        final List<String> recipients;
        final Set<String> released = new HashSet<>();
        final byte[] content;

        Held(long id, String domain, String direction, List<String> recipients, byte[] content) {
            this.id = id;
            this.domain = domain;
            this.direction = direction;
            this.recipients = new ArrayList<>(recipients);
            this.content = content;
        }
    }

    final TreeMap<Long, Held> held = new TreeMap<>();
    final Map<String, Integer> flags = new HashMap<>();
    final List<String> done = new ArrayList<>();
    private final Tenancy tenancy;
    private long nextId = 100;
    int headReads;

    FakeQuarantine(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    long hold(String domain, String direction, byte[] content, String... recipients) {
        long id = nextId++;
        held.put(id, new Held(id, domain, direction, List.of(recipients), content));
        return id;
    }

    boolean visible(MailboxScope s, Held h) {
        if (!h.direction.equals(s.direction())
                || (s.domains() != null && !s.domains().contains(h.domain))
                || (s.domain() != null && !s.domain().equals(h.domain))) {
            return false;
        }
        if (s.address() != null) {
            return h.recipients.contains(s.address()) && !h.released.contains(s.address());
        }
        return h.released.size() < h.recipients.size();
    }

    @Override
    public long uidValidity() {
        return 1_700_000_000L;
    }

    @Override
    public long highestId() {
        return nextId - 1;
    }

    @Override
    public MailboxIndex index(MailboxScope scope, String login) {
        return index(scope, login, held.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * When set, every index read answers as the one before did: a read that does not yet see what
     * the actions in between committed.
     */
    boolean staleReads;

    private final Map<String, MailboxIndex> lastIndex = new HashMap<>();

    @Override
    public MailboxIndex index(MailboxScope scope, String login, long[] ids) {
        String key = scope + login + java.util.Arrays.toString(ids);
        if (staleReads && lastIndex.containsKey(key)) {
            return lastIndex.get(key);
        }
        lastIndex.put(key, freshIndex(scope, login, ids));
        return lastIndex.get(key);
    }

    private MailboxIndex freshIndex(MailboxScope scope, String login, long[] ids) {
        Set<Long> asked = new HashSet<>();
        for (long id : ids) {
            asked.add(id);
        }
        List<Held> in =
                held.values().stream()
                        .filter(h -> asked.contains(h.id) && visible(scope, h))
                        .toList();
        long[] found = new long[in.size()];
        int[] f = new int[in.size()];
        for (int i = 0; i < in.size(); i++) {
            found[i] = in.get(i).id;
            f[i] = flags.getOrDefault(login + "/" + found[i], 0);
        }
        return new MailboxIndex(found, f);
    }

    @Override
    public List<MailboxMessage> messages(MailboxScope scope, String login, long[] ids) {
        List<MailboxMessage> found = new ArrayList<>();
        for (long id : ids) {
            Held h = held.get(id);
            if (h != null && visible(scope, h)) {
                found.add(
                        new MailboxMessage(
                                id,
                                Instant.EPOCH,
                                flags.getOrDefault(login + "/" + id, 0),
                                h.content.length,
                                h.content));
            }
        }
        return found;
    }

    @Override
    public List<MailboxMessage> heads(MailboxScope scope, String login, long[] ids, int prefix) {
        headReads++;
        return messages(scope, login, ids).stream()
                .map(
                        m ->
                                new MailboxMessage(
                                        m.id(),
                                        m.createdAt(),
                                        m.flags(),
                                        m.size(),
                                        java.util.Arrays.copyOf(
                                                m.content(), Math.min(prefix, m.content().length))))
                .toList();
    }

    @Override
    public void setFlags(String login, long id, int value) {
        flags.put(login + "/" + id, value);
    }

    @Override
    public Outcome act(Caller caller, long id, Action action, String recipient) {
        Visibility v = tenancy.of(caller);
        Held h = held.get(id);
        if (h == null || !v.covers(h.domain, h.recipients)) {
            throw new NotFound("no held message " + id);
        }
        boolean staff = caller.role() == AccountRole.ADMIN || caller.role() == AccountRole.RESELLER;
        boolean release = action == Action.RELEASE || action == Action.RELEASE_AND_TRAIN;
        if ("OUTBOUND".equals(h.direction) && release && !staff) {
            throw new Forbidden(
                    "held outgoing message " + id + " can be released by an administrator only");
        }
        List<String> targets = v.address() != null ? List.of(v.address()) : h.recipients;
        switch (action) {
            case RELEASE, RELEASE_AND_TRAIN -> {
                if (!h.released.addAll(targets)) {
                    throw new Conflict("held message " + id + " was already released");
                }
            }
            case DELETE -> {
                if (v.address() != null && h.recipients.size() > 1) {
                    h.recipients.remove(v.address());
                } else {
                    held.remove(id);
                }
            }
            case TRAIN_SPAM -> {}
            default -> throw new UnsupportedOperationException(action.name());
        }
        done.add(action + " " + id + " by " + caller.username());
        return new Outcome(id, action, true, "");
    }

    @Override
    public List<QuarantineEntry> list(Caller caller, Filter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QuarantineDetails get(Caller caller, long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] content(Caller caller, long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HeldMessageContent read(Caller caller, long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Outcome> actOnAll(Caller caller, List<Long> ids, Action action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String releaseLink(Caller caller, long id, String recipient) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReleaseLinkTarget inspectLink(String token) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Outcome releaseByLink(String token, String remoteAddress) {
        throw new UnsupportedOperationException();
    }
}
