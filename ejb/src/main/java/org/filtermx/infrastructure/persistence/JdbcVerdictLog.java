package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.application.port.VerdictLog;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterListEntry.ListAction;

/**
 * The what-if tester's read of the message log: one statement walking {@code
 * ix_message_log_domain_time (domain, received_at, id)} (or {@code ix_message_log_time} across
 * domains) newest first and streamed to the caller, so a million rows never sit in memory. The
 * stored reasons are reduced to four flag bits in SQL and the score read as a number, so each row
 * crosses the connection as a few bytes; the sender only when a proposed list entry needs it.
 */
@ApplicationScoped
public class JdbcVerdictLog implements VerdictLog {

    /** Rows per network round trip: Connector/J streams a result set with a fetch size set. */
    private static final int FETCH_SIZE = 4096;

    /** Bit 16 marks a row without a verdict to re-apply. */
    private static final int NOT_JUDGED = LoggedVerdict.NOT_JUDGED_BIT;

    /**
     * The row's flags, kept at intake (V26): a row written without them (no verdict, or by a node
     * of an older version during a rolling upgrade) counts as not judged.
     */
    private static final String FLAGS = "COALESCE(m.verdict_flags, " + NOT_JUDGED + ")";

    /**
     * The index (V26) that holds every column the grouping reads: domain, time, direction, flags,
     * score and sender, and the id that every InnoDB index carries.
     */
    private static final String COVERING_INDEX = " FORCE INDEX (ix_message_log_verdicts)";

    /** The index (V4) that gives a domain's rows newest first, id breaking ties. */
    private static final String NEWEST_FIRST_INDEX = " FORCE INDEX (ix_message_log_domain_time)";

    /** H2 (the demo database) takes no index hints; MariaDB is told which index to read. */
    private static boolean h2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void forEach(
            String domain,
            Instant since,
            Instant until,
            boolean withSender,
            long maxRows,
            Consumer<LoggedVerdict> judged,
            Runnable notJudged) {
        Jdbc.on(
                em,
                c -> {
                    String sql = newestFirst(domain, withSender, maxRows, h2(c));
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setFetchSize(FETCH_SIZE);
                        int i = 1;
                        if (domain != null) {
                            ps.setString(i++, domain);
                        }
                        Jdbc.setTime(ps, i++, since);
                        Jdbc.setTime(ps, i, until);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                int flags = rs.getInt(3);
                                if ((flags & NOT_JUDGED) != 0) {
                                    notJudged.run();
                                    continue;
                                }
                                judged.accept(
                                        LoggedVerdict.of(
                                                rs.getLong(1),
                                                domain == null ? rs.getString(5) : domain,
                                                rs.getDouble(2),
                                                flags,
                                                rs.getString(4)));
                            }
                        }
                    }
                    return null;
                });
    }

    /**
     * The statement of {@link #forEach}. A domain's newest rows are read backwards along {@code
     * (domain, received_at, id)}, which stops after {@code maxRows}; MariaDB is told that index, or
     * it would pick the covering one and sort every row. Only H2 gets {@code m.domain} in the ORDER
     * BY (it reads an index in order only when the ORDER BY names its columns from the first).
     * MariaDB must not: the connection's collation ({@code utf8mb4_general_ci}) differs from the
     * column's ({@code utf8mb4_unicode_ci}), so it does not take {@code m.domain = ?} as a constant
     * there and sorts all of the domain's rows before the LIMIT (a million rows: 2-8 s, where
     * reading backwards and stopping takes 0.05-0.2 s).
     */
    static String newestFirst(String domain, boolean withSender, long maxRows, boolean h2) {
        boolean bounded = domain != null && maxRows > 0;
        return "SELECT m.id, m.score, "
                + FLAGS
                + (withSender ? ", m.sender" : ", NULL")
                + (domain == null ? ", m.domain" : ", NULL")
                + " FROM message_log m"
                + (bounded && !h2 ? NEWEST_FIRST_INDEX : "")
                + " WHERE "
                + (domain == null ? "" : "m.domain = ? AND ")
                + "m.received_at >= ? AND m.received_at < ? AND m.direction = 'INBOUND'"
                + " ORDER BY "
                + (domain != null && h2 ? "m.domain DESC, " : "")
                + "m.received_at DESC, m.id DESC"
                + (maxRows > 0 ? " LIMIT " + maxRows : "");
    }

    /**
     * One pass over the same index, the grouping done by the database: the score is compared with
     * both pairs of thresholds and the proposed list entries with the sender in SQL, so the answer
     * is a few dozen groups in place of a million rows.
     */
    @Override
    public void groups(
            String domain,
            Instant since,
            Instant until,
            double[] nowThresholds,
            double[] proposedThresholds,
            List<FilterListEntry> proposedEntries,
            Consumer<Group> each) {
        String band = "CASE WHEN m.score >= ? THEN 2 WHEN m.score >= ? THEN 1 ELSE 0 END";
        List<String> params = new ArrayList<>();
        String allowed = senderMatch(proposedEntries, ListAction.ALLOW, params);
        String blocked = senderMatch(proposedEntries, ListAction.BLOCK, params);
        String query =
                "SELECT g.flags, g.now_band, g.then_band, g.allowed, g.blocked, COUNT(*), MAX(g.id)"
                        + " FROM (SELECT m.id, "
                        + FLAGS
                        + " AS flags, "
                        + band
                        + " AS now_band, "
                        + band
                        + " AS then_band, "
                        + allowed
                        + " AS allowed, "
                        + blocked
                        + " AS blocked FROM message_log m"
                        + COVERING_INDEX
                        + " WHERE m.domain = ? AND m.received_at >= ?"
                        + " AND m.received_at < ? AND m.direction = 'INBOUND') g"
                        + " GROUP BY g.flags, g.now_band, g.then_band, g.allowed, g.blocked";
        Jdbc.on(
                em,
                c -> {
                    // H2 (the demo database) has no index hints; MariaDB must be told to read
                    // the covering index, or it picks (domain, received_at) and reads every row.
                    String sql = h2(c) ? query.replace(COVERING_INDEX, "") : query;
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        int i = 1;
                        ps.setDouble(i++, nowThresholds[1]);
                        ps.setDouble(i++, nowThresholds[0]);
                        ps.setDouble(i++, proposedThresholds[1]);
                        ps.setDouble(i++, proposedThresholds[0]);
                        for (String p : params) {
                            ps.setString(i++, p);
                        }
                        ps.setString(i++, domain);
                        Jdbc.setTime(ps, i++, since);
                        Jdbc.setTime(ps, i, until);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                each.accept(
                                        new Group(
                                                rs.getInt(1),
                                                rs.getInt(2),
                                                rs.getInt(3),
                                                rs.getInt(4) != 0,
                                                rs.getInt(5) != 0,
                                                rs.getLong(6),
                                                rs.getLong(7)));
                            }
                        }
                    }
                    return null;
                });
    }

    /**
     * {@link FilterListEntry#matches} in SQL for the entries of one action, as 1 or 0 over the
     * stored (lower-case) sender, without LIKE so that no pattern character is a wildcard: {@code
     * @domain} ends the address; an address equals it; a domain is the part after the last
     * {@code @} or ends it after a dot (the suffix {@code .domain} holds no {@code @}, so it lies
     * within that part).
     */
    static String senderMatch(
            List<FilterListEntry> entries, ListAction action, List<String> params) {
        List<String> tests = new ArrayList<>();
        for (FilterListEntry e : entries) {
            if (e.action() != action) {
                continue;
            }
            String p = e.pattern();
            if (p.startsWith("@")) {
                tests.add("RIGHT(m.sender, " + p.length() + ") = ?");
                params.add(p);
            } else if (p.contains("@")) {
                tests.add("m.sender = ?");
                params.add(p);
            } else {
                tests.add(
                        "(m.sender = ? OR RIGHT(m.sender, "
                                + (p.length() + 1)
                                + ") = ? OR RIGHT(m.sender, "
                                + (p.length() + 1)
                                + ") = ?)");
                params.add(p);
                params.add("@" + p);
                params.add("." + p);
            }
        }
        return tests.isEmpty()
                ? "0"
                : "CASE WHEN " + String.join(" OR ", tests) + " THEN 1 ELSE 0 END";
    }

    @Override
    public List<SampleRow> samples(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        String sql =
                "SELECT id, queue_id, domain, received_at, sender, subject, score"
                        + " FROM message_log WHERE id IN ("
                        + marks
                        + ")";
        return Jdbc.on(
                em,
                c -> {
                    List<SampleRow> rows = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        int i = 1;
                        for (Long id : ids) {
                            ps.setLong(i++, id);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                LocalDateTime at = rs.getObject(4, LocalDateTime.class);
                                rows.add(
                                        new SampleRow(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                at == null ? null : at.toInstant(ZoneOffset.UTC),
                                                rs.getString(5),
                                                rs.getString(6),
                                                rs.getDouble(7)));
                            }
                        }
                    }
                    return rows;
                });
    }
}
