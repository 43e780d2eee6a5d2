package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.filtermx.domain.model.quarantine.MailboxIndex;
import org.filtermx.domain.model.quarantine.MailboxMessage;
import org.filtermx.domain.model.quarantine.MailboxScope;
import org.filtermx.domain.model.quarantine.QuarantineMailboxRepository;

/**
 * IMAP folders in plain SQL on the persistence context's connection: a folder of 10,000 messages is
 * one query over {@code ix_quarantine_folder} (or the recipient's key for an email user) with the
 * login's flags joined in, and never touches a message's bytes. The scope's bounds are written the
 * way {@link JpaQuarantineRepository#search} writes them. Each call joins the caller's transaction
 * or runs in one of its own, so a caller that acts on messages in between (each action commits on
 * its own) reads what they left.
 */
@ApplicationScoped
@Transactional
public class JpaQuarantineMailboxRepository implements QuarantineMailboxRepository {

    /** More ids than this in one IN list are read in several queries. */
    static final int MAX_IDS_PER_QUERY = 500;

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    /** Set only by tests, which run the same SQL on an H2 connection of their own. */
    private final Connection connection;

    private volatile long uidValidity;

    public JpaQuarantineMailboxRepository() {
        this.connection = null;
    }

    JpaQuarantineMailboxRepository(Connection connection) {
        this.connection = connection;
    }

    @Override
    public long uidValidity() {
        long known = uidValidity;
        if (known != 0) {
            return known;
        }
        long read =
                on(
                        c -> {
                            try (PreparedStatement ps =
                                            c.prepareStatement(
                                                    "SELECT uid_validity FROM imap_uid_validity WHERE id = 1");
                                    ResultSet rs = ps.executeQuery()) {
                                if (!rs.next()) {
                                    throw new IllegalStateException(
                                            "imap_uid_validity has no row: schema version 21 is missing");
                                }
                                return rs.getLong(1);
                            }
                        });
        uidValidity = read;
        return read;
    }

    @Override
    public long highestId() {
        return on(
                c -> {
                    try (PreparedStatement ps =
                                    c.prepareStatement("SELECT MAX(id) FROM quarantine_message");
                            ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                });
    }

    @Override
    public MailboxIndex index(MailboxScope scope, String login) {
        if (scope.empty()) {
            return MailboxIndex.EMPTY;
        }
        return on(c -> readIndex(c, scope, login, null));
    }

    @Override
    public MailboxIndex index(MailboxScope scope, String login, long[] ids) {
        if (scope.empty() || ids.length == 0) {
            return MailboxIndex.EMPTY;
        }
        return on(
                c -> {
                    long[][] parts = chunks(ids);
                    List<MailboxIndex> found = new ArrayList<>();
                    for (long[] part : parts) {
                        found.add(readIndex(c, scope, login, part));
                    }
                    return merge(found);
                });
    }

    @Override
    public List<MailboxMessage> messages(MailboxScope scope, String login, long[] ids) {
        if (scope.empty() || ids.length == 0) {
            return List.of();
        }
        return on(
                c -> {
                    List<MailboxMessage> found = new ArrayList<>();
                    for (long[] part : chunks(ids)) {
                        readMessages(c, scope, login, part, 0, found);
                    }
                    return found;
                });
    }

    @Override
    public List<MailboxMessage> heads(MailboxScope scope, String login, long[] ids, int prefix) {
        if (prefix <= 0) {
            throw new IllegalArgumentException("prefix must be positive");
        }
        if (scope.empty() || ids.length == 0) {
            return List.of();
        }
        return on(
                c -> {
                    List<MailboxMessage> found = new ArrayList<>();
                    for (long[] part : chunks(ids)) {
                        readMessages(c, scope, login, part, prefix, found);
                    }
                    return found;
                });
    }

    @Override
    public void setFlags(String login, long id, int flags) {
        on(
                c -> {
                    if (flags == 0) {
                        try (PreparedStatement ps =
                                c.prepareStatement(
                                        "DELETE FROM imap_flag WHERE message_id = ? AND login = ?")) {
                            ps.setLong(1, id);
                            ps.setString(2, login);
                            ps.executeUpdate();
                        }
                        return null;
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO imap_flag (message_id, login, flags) VALUES (?, ?, ?)"
                                            + " ON DUPLICATE KEY UPDATE flags = ?")) {
                        ps.setLong(1, id);
                        ps.setString(2, login);
                        ps.setInt(3, flags);
                        ps.setInt(4, flags);
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        // The message left the quarantine since it was looked at: its flags go too.
                        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                            throw e;
                        }
                    }
                    return null;
                });
    }

    private static MailboxIndex readIndex(
            Connection c, MailboxScope scope, String login, long[] ids) throws SQLException {
        StringBuilder sql =
                new StringBuilder(
                        "SELECT q.id, f.flags FROM quarantine_message q LEFT JOIN imap_flag f"
                                + " ON f.message_id = q.id AND f.login = ?");
        where(sql, scope, ids);
        sql.append(" ORDER BY q.id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, login);
            bind(ps, 2, scope, ids);
            ps.setFetchSize(1000);
            long[] found = new long[ids == null ? 1024 : ids.length];
            int[] flags = new int[found.length];
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                        flags = Arrays.copyOf(flags, n * 2);
                    }
                    found[n] = rs.getLong(1);
                    flags[n] = rs.getInt(2);
                    n++;
                }
            }
            return new MailboxIndex(Arrays.copyOf(found, n), Arrays.copyOf(flags, n));
        }
    }

    /**
     * Reads messages whole ({@code prefix} 0) or their first {@code prefix} octets: the database
     * sends no more than that, and a shared body's octets follow the part's own header lines only
     * when those were read whole.
     */
    private static void readMessages(
            Connection c,
            MailboxScope scope,
            String login,
            long[] ids,
            int prefix,
            List<MailboxMessage> into)
            throws SQLException {
        String head = prefix > 0 ? "SUBSTRING(q.content, 1, ?)" : "q.content";
        String body = prefix > 0 ? "SUBSTRING(b.content, 1, ?)" : "b.content";
        StringBuilder sql =
                new StringBuilder("SELECT q.id, q.created_at, f.flags, q.size_bytes, ")
                        .append(head)
                        .append(", ")
                        .append(body)
                        .append(
                                " FROM quarantine_message q LEFT JOIN imap_flag f"
                                        + " ON f.message_id = q.id AND f.login = ?"
                                        + " LEFT JOIN quarantine_body qb ON qb.quarantine_id = q.id"
                                        + " LEFT JOIN message_body b ON b.id = qb.body_id");
        where(sql, scope, ids);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (prefix > 0) {
                ps.setInt(i++, prefix);
                ps.setInt(i++, prefix);
            }
            ps.setString(i++, login);
            bind(ps, i, scope, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] own = rs.getBytes(5);
                    byte[] shared = rs.getBytes(6);
                    byte[] content = own;
                    boolean ownWhole = prefix == 0 || own.length < prefix;
                    if (shared != null && ownWhole) {
                        int take =
                                prefix == 0
                                        ? shared.length
                                        : Math.min(shared.length, prefix - own.length);
                        content = Arrays.copyOf(own, own.length + take);
                        System.arraycopy(shared, 0, content, own.length, take);
                    }
                    long size = rs.getLong(4);
                    into.add(
                            new MailboxMessage(
                                    rs.getLong(1),
                                    rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                                    rs.getInt(3),
                                    prefix == 0 ? content.length : Math.max(size, content.length),
                                    content));
                }
            }
        }
    }

    /**
     * The scope's bounds. A message still held for the email user is not completely released
     * either, so {@code released_at IS NULL} holds for every scope and keeps the folder index in
     * play.
     */
    private static void where(StringBuilder sql, MailboxScope scope, long[] ids) {
        sql.append(" WHERE q.domain IS NOT NULL AND q.direction = ? AND q.released_at IS NULL")
                .append(" AND q.expires_at > ?");
        if (scope.domains() != null) {
            sql.append(" AND q.domain IN (").append(marks(scope.domains().size())).append(')');
        }
        if (scope.domain() != null) {
            sql.append(" AND q.domain = ?");
        }
        if (scope.address() != null) {
            sql.append(
                    " AND q.id IN (SELECT r.quarantine_id FROM quarantine_recipient r"
                            + " WHERE r.address = ? AND r.released_at IS NULL)");
        }
        if (ids != null) {
            sql.append(" AND q.id IN (").append(marks(ids.length)).append(')');
        }
    }

    private static void bind(PreparedStatement ps, int from, MailboxScope scope, long[] ids)
            throws SQLException {
        int i = from;
        ps.setString(i++, scope.direction());
        ps.setObject(i++, Jdbc.utc(Instant.now()));
        if (scope.domains() != null) {
            for (String d : scope.domains().stream().sorted().toList()) {
                ps.setString(i++, d);
            }
        }
        if (scope.domain() != null) {
            ps.setString(i++, scope.domain());
        }
        if (scope.address() != null) {
            ps.setString(i++, scope.address());
        }
        if (ids != null) {
            for (long id : ids) {
                ps.setLong(i++, id);
            }
        }
    }

    private static String marks(int n) {
        StringBuilder s = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "?" : ", ?");
        }
        return s.toString();
    }

    private static long[][] chunks(long[] ids) {
        int n = (ids.length + MAX_IDS_PER_QUERY - 1) / MAX_IDS_PER_QUERY;
        long[][] parts = new long[n][];
        for (int i = 0; i < n; i++) {
            parts[i] =
                    Arrays.copyOfRange(
                            ids,
                            i * MAX_IDS_PER_QUERY,
                            Math.min(ids.length, (i + 1) * MAX_IDS_PER_QUERY));
        }
        return parts;
    }

    /** Indexes of disjoint id ranges in any order, merged into one ascending index. */
    private static MailboxIndex merge(List<MailboxIndex> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = parts.stream().mapToInt(MailboxIndex::size).sum();
        long[][] pairs = new long[total][];
        int n = 0;
        for (MailboxIndex p : parts) {
            for (int i = 0; i < p.size(); i++) {
                pairs[n++] = new long[] {p.ids()[i], p.flags()[i]};
            }
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        long[] ids = new long[total];
        int[] flags = new int[total];
        for (int i = 0; i < total; i++) {
            ids[i] = pairs[i][0];
            flags[i] = (int) pairs[i][1];
        }
        return new MailboxIndex(ids, flags);
    }

    private <T> T on(Jdbc.Work<T> work) {
        if (connection == null) {
            return Jdbc.on(em, work);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
