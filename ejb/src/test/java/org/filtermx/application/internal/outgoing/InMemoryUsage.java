package org.filtermx.application.internal.outgoing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.domain.model.outgoing.OutgoingLock;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;

/** The usage repository in memory, for the counting logic's tests (the SQL runs in the ITs). */
class InMemoryUsage implements OutgoingUsageRepository {

    record Minute(long userId, String identity, Instant minute) {}

    final Map<Minute, int[]> counts = new HashMap<>();
    final Map<String, long[]> sessions = new HashMap<>();
    final List<OutgoingLock> locks = new ArrayList<>();

    @Override
    public boolean lockUser(long userId) {
        return true;
    }

    @Override
    public Usage usage(long userId, String identity, Instant since) {
        long m = 0;
        long r = 0;
        for (var e : counts.entrySet()) {
            if (e.getKey().userId() == userId
                    && e.getKey().identity().equals(identity)
                    && e.getKey().minute().isAfter(since)) {
                m += e.getValue()[0];
                r += e.getValue()[1];
            }
        }
        return new Usage(m, r);
    }

    @Override
    public void count(long userId, String identity, Instant minute, int messages, int recipients) {
        int[] c = counts.computeIfAbsent(new Minute(userId, identity, minute), k -> new int[2]);
        c[0] += messages;
        c[1] += recipients;
    }

    @Override
    public int openSessions(long userId, Instant since) {
        return (int)
                sessions.values().stream()
                        .filter(s -> s[0] == userId && s[1] > since.toEpochMilli())
                        .count();
    }

    @Override
    public boolean holdsSession(String node, String sessionId) {
        return sessions.containsKey(node + "/" + sessionId);
    }

    @Override
    public void openSession(String node, String sessionId, long userId, Instant now) {
        sessions.put(node + "/" + sessionId, new long[] {userId, now.toEpochMilli()});
    }

    @Override
    public void closeSession(String node, String sessionId) {
        sessions.remove(node + "/" + sessionId);
    }

    @Override
    public int clearSessions(String node, Instant before) {
        return 0;
    }

    @Override
    public int purgeUsage(Instant before) {
        return 0;
    }

    @Override
    public Optional<OutgoingLock> findLock(long userId, String identity) {
        return locks.stream()
                .filter(l -> l.userId() == userId && l.identity().equals(identity))
                .findFirst();
    }

    @Override
    public List<OutgoingLock> locks(long userId) {
        return locks.stream().filter(l -> l.userId() == userId).toList();
    }

    @Override
    public Set<Long> locked(Collection<Long> userIds) {
        Set<Long> out = new HashSet<>();
        locks.forEach(l -> out.add(l.userId()));
        out.retainAll(userIds);
        return out;
    }

    @Override
    public void addLock(OutgoingLock lock) {
        locks.add(lock);
    }

    @Override
    public int removeLocks(long userId, String identity) {
        int before = locks.size();
        locks.removeIf(
                l -> l.userId() == userId && (identity == null || l.identity().equals(identity)));
        return before - locks.size();
    }
}
