package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.filtermx.domain.model.message.MessageBody;
import org.filtermx.domain.model.message.MessageBodyRepository;

/** Shared message bodies in the database; inserted by plain JDBC like the spool (ADR 0012). */
@ApplicationScoped
public class JpaMessageBodyRepository implements MessageBodyRepository {

    private static final String INSERT =
            "INSERT INTO message_body (size_bytes, created_at, content) VALUES (?, ?, ?)";

    /** The parts that can refer to a body; a body none of them names can go. */
    private static final String UNREFERENCED =
            " AND NOT EXISTS (SELECT 1 FROM spool_content c WHERE c.body_id = message_body.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM quarantine_body q WHERE q.body_id = message_body.id)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public long add(byte[] content, Instant createdAt) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                        ps.setLong(1, content.length);
                        Jdbc.setTime(ps, 2, createdAt);
                        ps.setBytes(3, content);
                        return Jdbc.insertReturningId(ps);
                    }
                });
    }

    @Override
    public MessageBody reference(long id) {
        return em.getReference(MessageBody.class, id);
    }

    @Override
    public void removeUnreferenced(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // Pending removals of parts (JPA) reach the database first, so the check below sees them.
        em.flush();
        List<Long> sorted = ids.stream().distinct().sorted().toList();
        Jdbc.on(
                em,
                c -> {
                    String marks = "?, ".repeat(sorted.size() - 1) + "?";
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "DELETE FROM message_body WHERE id IN ("
                                            + marks
                                            + ")"
                                            + UNREFERENCED)) {
                        int i = 1;
                        for (long id : sorted) {
                            ps.setLong(i++, id);
                        }
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public int removeOrphans(Instant before, int max) {
        @SuppressWarnings("unchecked")
        List<Number> ids =
                em.createNativeQuery(
                                "SELECT id FROM message_body WHERE created_at < ?"
                                        + UNREFERENCED
                                        + " ORDER BY created_at")
                        .setParameter(1, Jdbc.utc(before))
                        .setMaxResults(max)
                        .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        removeUnreferenced(ids.stream().map(Number::longValue).toList());
        return ids.size();
    }
}
