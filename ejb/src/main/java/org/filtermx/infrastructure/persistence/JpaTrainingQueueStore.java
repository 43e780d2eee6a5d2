package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.filtermx.application.TrainingQueueFull;
import org.filtermx.application.port.TrainingQueueStore;

/**
 * The training queue in {@code training_queue}, the messages that could not be learnt in {@code
 * training_queue_failed}, and their size in {@code training_queue_size} (V31), in plain JDBC on the
 * persistence context's connection. Rows are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (MariaDB 10.6+, H2 2.x): a row one node's transaction has locked is skipped by the others, and it
 * is deleted (or moved to the failed table) in that transaction, so no two nodes learn it; after a
 * crash the lock is gone and the row waits again. The counts the status shows come from the size
 * row, not from counting rows. The size row is changed only by conditional or relative updates in
 * the same transactions as the rows, so it cannot drift from them; the call that adds a message
 * updates it last, so that the row is locked only until that short transaction commits.
 */
@ApplicationScoped
public class JpaTrainingQueueStore implements TrainingQueueStore {

    /** Seconds a caller is told to wait when the queue is full: a few batches' time. */
    static final long RETRY_AFTER_SECONDS = 30;

    // The statements, package-private so that a test runs them on H2 too.
    static final String INSERT =
            "INSERT INTO training_queue"
                    + " (spam, scope, queued_by, queued_at, size_bytes, content)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";

    /** Takes room for one message: no row changed means the queue is full. */
    static final String TAKE_ROOM =
            "UPDATE training_queue_size SET messages = messages + 1, bytes = bytes + ?"
                    + " WHERE id = 1 AND messages < ? AND bytes + ? <= ?";

    static final String GIVE_BACK =
            "UPDATE training_queue_size SET messages = messages - ?, bytes = bytes - ?"
                    + " WHERE id = 1";

    /** The oldest waiting rows nobody is learning; the locks end with the (short) transaction. */
    static final String NEXT =
            "SELECT id, size_bytes FROM training_queue ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";

    static final String LOCK =
            "SELECT id, spam, scope, content FROM training_queue"
                    + " WHERE id IN (%s) ORDER BY id FOR UPDATE SKIP LOCKED";

    static final String SIZES = "SELECT id, size_bytes FROM training_queue WHERE id IN (%s)";

    static final String DELETE = "DELETE FROM training_queue WHERE id IN (%s)";

    static final String MOVE_FAILED =
            "INSERT INTO training_queue_failed (id, spam, scope, queued_by, queued_at, size_bytes,"
                    + " content, failed_at, error) SELECT id, spam, scope, queued_by, queued_at,"
                    + " size_bytes, content, ?, ? FROM training_queue WHERE id = ?";

    static final String DELETE_ONE = "DELETE FROM training_queue WHERE id = ?";

    static final String COUNT_FAILED =
            "UPDATE training_queue_size SET failed = failed + ? WHERE id = 1";

    static final String OLD_FAILURES =
            "SELECT id, size_bytes FROM training_queue_failed WHERE failed_at < ?"
                    + " ORDER BY failed_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

    static final String DELETE_FAILED = "DELETE FROM training_queue_failed WHERE id IN (%s)";

    static final String PURGED =
            "UPDATE training_queue_size SET messages = messages - ?, bytes = bytes - ?,"
                    + " failed = failed - ? WHERE id = 1";

    static final String SIZE = "SELECT messages, failed FROM training_queue_size WHERE id = 1";

    static final String OLDEST = "SELECT queued_at FROM training_queue ORDER BY id LIMIT 1";

    static final String FAILURES =
            "SELECT id, spam, scope, queued_by, queued_at, failed_at, error"
                    + " FROM training_queue_failed ORDER BY failed_at DESC, id DESC LIMIT ?";

    /** The longest reason kept (the column's width). */
    static final int ERROR_LENGTH = 500;

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public long add(
            boolean spam,
            String scope,
            String queuedBy,
            Instant now,
            byte[] message,
            long maxMessages,
            long maxBytes) {
        return Jdbc.on(em, c -> add(c, spam, scope, queuedBy, now, message, maxMessages, maxBytes));
    }

    static long add(
            Connection c,
            boolean spam,
            String scope,
            String queuedBy,
            Instant now,
            byte[] message,
            long maxMessages,
            long maxBytes)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setBoolean(1, spam);
            ps.setString(2, scope);
            ps.setString(3, queuedBy);
            Jdbc.setTime(ps, 4, now);
            ps.setInt(5, message.length);
            ps.setBytes(6, message);
            id = Jdbc.insertReturningId(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(TAKE_ROOM)) {
            ps.setLong(1, message.length);
            ps.setLong(2, maxMessages);
            ps.setLong(3, message.length);
            ps.setLong(4, maxBytes);
            if (ps.executeUpdate() != 1) {
                // Rolls the insert back (an application exception with rollback).
                throw new TrainingQueueFull(RETRY_AFTER_SECONDS);
            }
        }
        return id;
    }

    @Override
    public Claim next(int maxMessages, long maxBytes) {
        return Jdbc.on(em, c -> next(c, maxMessages, maxBytes));
    }

    static Claim next(Connection c, int maxMessages, long maxBytes) throws SQLException {
        List<Long> ids = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(NEXT)) {
            // One row more than a batch: whether more wait.
            ps.setInt(1, maxMessages + 1);
            try (ResultSet rs = ps.executeQuery()) {
                long bytes = 0;
                while (rs.next()) {
                    bytes += rs.getLong(2);
                    if (ids.size() == maxMessages || !ids.isEmpty() && bytes > maxBytes) {
                        more = true;
                        break;
                    }
                    ids.add(rs.getLong(1));
                }
            }
        }
        return new Claim(ids, more);
    }

    @Override
    public List<Queued> lock(List<Long> ids) {
        return Jdbc.on(em, c -> lock(c, ids));
    }

    static List<Queued> lock(Connection c, List<Long> ids) throws SQLException {
        List<Queued> locked = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return locked;
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK.formatted(marks(ids.size())))) {
            bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.add(
                            new Queued(
                                    rs.getLong(1),
                                    rs.getBoolean(2),
                                    rs.getString(3),
                                    rs.getBytes(4)));
                }
            }
        }
        return locked;
    }

    @Override
    public void remove(List<Long> ids) {
        Jdbc.on(em, c -> remove(c, ids));
    }

    static int remove(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        // In id order, so that two transactions lock the rows they share in the same order.
        List<Long> ordered = ids.stream().distinct().sorted().toList();
        String marks = marks(ordered.size());
        long bytes = 0;
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(SIZES.formatted(marks))) {
            bind(ps, 1, ordered);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bytes += rs.getLong(2);
                    rows++;
                }
            }
        }
        int deleted;
        try (PreparedStatement ps = c.prepareStatement(DELETE.formatted(marks))) {
            bind(ps, 1, ordered);
            deleted = ps.executeUpdate();
        }
        if (deleted != rows) {
            // The caller holds the rows' locks, so this is a fault, not a race.
            throw new SQLException(
                    "training queue rows changed under their lock: " + deleted + " of " + rows);
        }
        try (PreparedStatement ps = c.prepareStatement(GIVE_BACK)) {
            ps.setLong(1, deleted);
            ps.setLong(2, bytes);
            ps.executeUpdate();
        }
        return deleted;
    }

    @Override
    public void fail(Map<Long, String> errors, Instant now) {
        Jdbc.on(em, c -> fail(c, errors, now));
    }

    static Void fail(Connection c, Map<Long, String> errors, Instant now) throws SQLException {
        if (errors.isEmpty()) {
            return null;
        }
        int moved = 0;
        try (PreparedStatement move = c.prepareStatement(MOVE_FAILED);
                PreparedStatement delete = c.prepareStatement(DELETE_ONE)) {
            for (Map.Entry<Long, String> e : new TreeMap<>(errors).entrySet()) {
                String error = e.getValue() == null ? "not learnt" : e.getValue();
                Jdbc.setTime(move, 1, now);
                move.setString(
                        2,
                        error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error);
                move.setLong(3, e.getKey());
                if (move.executeUpdate() == 1) {
                    delete.setLong(1, e.getKey());
                    delete.executeUpdate();
                    moved++;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(COUNT_FAILED)) {
            ps.setLong(1, moved);
            ps.executeUpdate();
        }
        return null;
    }

    @Override
    public int purgeFailed(Instant before, int max) {
        return Jdbc.on(em, c -> purgeFailed(c, before, max));
    }

    static int purgeFailed(Connection c, Instant before, int max) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(OLD_FAILURES)) {
            Jdbc.setTime(ps, 1, before);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    bytes += rs.getLong(2);
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        int deleted;
        try (PreparedStatement ps =
                c.prepareStatement(DELETE_FAILED.formatted(marks(ids.size())))) {
            bind(ps, 1, ids);
            deleted = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(PURGED)) {
            ps.setLong(1, deleted);
            ps.setLong(2, bytes);
            ps.setLong(3, deleted);
            ps.executeUpdate();
        }
        return deleted;
    }

    @Override
    public Figures figures() {
        return Jdbc.on(em, JpaTrainingQueueStore::figures);
    }

    static Figures figures(Connection c) throws SQLException {
        long messages;
        long failed;
        try (PreparedStatement ps = c.prepareStatement(SIZE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            messages = rs.getLong(1);
            failed = rs.getLong(2);
        }
        Instant oldest = null;
        try (PreparedStatement ps = c.prepareStatement(OLDEST);
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                oldest = Jdbc.instant(rs.getObject(1));
            }
        }
        return new Figures(messages - failed, failed, oldest);
    }

    @Override
    public List<Failure> failures(int max) {
        return Jdbc.on(em, c -> failures(c, max));
    }

    static List<Failure> failures(Connection c, int max) throws SQLException {
        List<Failure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FAILURES)) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new Failure(
                                    rs.getLong(1),
                                    rs.getBoolean(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    Jdbc.instant(rs.getObject(5)),
                                    Jdbc.instant(rs.getObject(6)),
                                    rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static String marks(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    private static void bind(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
        int i = first;
        for (long id : ids) {
            ps.setLong(i++, id);
        }
    }
}
