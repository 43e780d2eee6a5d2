package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.outgoing.IpRange;
import org.filtermx.domain.model.outgoing.OutgoingUser;
import org.filtermx.domain.model.outgoing.OutgoingUserRepository;

/**
 * Outgoing users in {@code outgoing_user}, IP users' ranges in {@code outgoing_user_range} as
 * fixed-width hex bounds, so that a client address is found by one range query on the index of the
 * unique key.
 */
@ApplicationScoped
public class JpaOutgoingUserRepository implements OutgoingUserRepository {

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void add(OutgoingUser user) {
        em.persist(user);
    }

    @Override
    public void remove(OutgoingUser user) {
        em.remove(em.contains(user) ? user : em.merge(user));
    }

    @Override
    public void flush() {
        em.flush();
    }

    @Override
    public Optional<OutgoingUser> findById(long id) {
        return Optional.ofNullable(em.find(OutgoingUser.class, id));
    }

    @Override
    public Optional<OutgoingUser> findByLogin(String loginName) {
        return em.createNamedQuery("OutgoingUser.findByLogin", OutgoingUser.class)
                .setParameter("login", loginName)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<OutgoingUser> findByDomains(Collection<Long> domainIds) {
        if (domainIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("OutgoingUser.findByDomains", OutgoingUser.class)
                .setParameter("domains", domainIds)
                .getResultList();
    }

    @Override
    public Map<Long, List<String>> ranges(Collection<Long> userIds) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT user_id, range_text FROM outgoing_user_range"
                                        + " WHERE user_id IN (:ids) ORDER BY user_id, first_address")
                        .setParameter("ids", userIds)
                        .getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add((String) r[1]);
        }
        return out;
    }

    @Override
    public void replaceRanges(long userId, List<IpRange> ranges) {
        em.createNativeQuery("DELETE FROM outgoing_user_range WHERE user_id = ?")
                .setParameter(1, userId)
                .executeUpdate();
        for (IpRange r : ranges) {
            em.createNativeQuery(
                            "INSERT INTO outgoing_user_range (user_id, range_text, first_address,"
                                    + " last_address, prefix_bits) VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, userId)
                    .setParameter(2, r.text())
                    .setParameter(3, r.firstKey())
                    .setParameter(4, r.lastKey())
                    .setParameter(5, r.prefixBits())
                    .executeUpdate();
        }
    }

    @Override
    public Optional<String> overlapping(IpRange range, long userId) {
        @SuppressWarnings("unchecked")
        List<Object> rows =
                em.createNativeQuery(
                                "SELECT range_text FROM outgoing_user_range WHERE user_id <> ?"
                                        + " AND first_address <= ? AND last_address >= ?")
                        .setParameter(1, userId)
                        .setParameter(2, range.lastKey())
                        .setParameter(3, range.firstKey())
                        .setMaxResults(1)
                        .getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    @Override
    public Optional<Long> findByAddressKey(String key) {
        // Ranges of different users never overlap (the service refuses it), so at most one
        // user's ranges hold the address; the most specific row is taken all the same.
        @SuppressWarnings("unchecked")
        List<Object> rows =
                em.createNativeQuery(
                                "SELECT user_id FROM outgoing_user_range WHERE first_address <= ?"
                                        + " AND last_address >= ? ORDER BY prefix_bits DESC")
                        .setParameter(1, key)
                        .setParameter(2, key)
                        .setMaxResults(1)
                        .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).findFirst();
    }
}
