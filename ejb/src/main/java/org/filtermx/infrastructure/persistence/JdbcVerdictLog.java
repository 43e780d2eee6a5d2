package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.application.port.VerdictLog;

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
    private static final int NOT_JUDGED = 16;

    private static final String FLAGS =
            "CASE WHEN m.verdict IN ('DELIVER', 'QUARANTINE', 'REJECT') AND m.score IS NOT NULL"
                    + " THEN (CASE WHEN m.verdict_reasons LIKE '%"
                    + LoggedVerdict.MALWARE
                    + "%' THEN "
                    + LoggedVerdict.MALWARE_BIT
                    + " ELSE 0 END) + (CASE WHEN m.verdict_reasons LIKE '%"
                    + LoggedVerdict.SENDER_ALLOWED
                    + "%' THEN "
                    + LoggedVerdict.SENDER_ALLOWED_BIT
                    + " ELSE 0 END) + (CASE WHEN m.verdict_reasons LIKE '%"
                    + LoggedVerdict.RECIPIENT_ALLOWED
                    + "%' THEN "
                    + LoggedVerdict.RECIPIENT_ALLOWED_BIT
                    + " ELSE 0 END) + (CASE WHEN m.verdict_reasons LIKE '%"
                    + LoggedVerdict.BLOCKED
                    + "%' THEN "
                    + LoggedVerdict.BLOCKED_BIT
                    + " ELSE 0 END) ELSE "
                    + NOT_JUDGED
                    + " END";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public void forEach(
            String domain,
            Instant since,
            Instant until,
            boolean withSender,
            Consumer<LoggedVerdict> judged,
            Runnable notJudged) {
        String sql =
                "SELECT m.id, m.score, "
                        + FLAGS
                        + (withSender ? ", m.sender" : ", NULL")
                        + (domain == null ? ", m.domain" : ", NULL")
                        + " FROM message_log m WHERE "
                        + (domain == null ? "" : "m.domain = ? AND ")
                        + "m.received_at >= ? AND m.received_at < ? AND m.direction = 'INBOUND'"
                        + " ORDER BY "
                        + (domain == null ? "" : "m.domain DESC, ")
                        + "m.received_at DESC, m.id DESC";
        Jdbc.on(
                em,
                c -> {
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
