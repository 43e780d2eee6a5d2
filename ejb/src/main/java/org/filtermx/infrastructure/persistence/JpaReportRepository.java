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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.domain.model.report.DomainReportSettings;
import org.filtermx.domain.model.report.ReportRepository;

/**
 * Report data in plain SQL over the persistence context's connection (a few aggregates and capped
 * lists per report, no entities to load). Each read names the domain and runs on an index; the
 * comments of {@code V15__reports.sql} say which.
 */
@ApplicationScoped
public class JpaReportRepository implements ReportRepository {

    /** A held copy is spam or a virus by the verdict the log kept, as the dashboard counts them. */
    private static final String HELD = "m.verdict IN ('QUARANTINE', 'REJECT')";

    private static final String VIRUS = "m.verdict_reasons LIKE '%VIRUS_FOUND%'";

    /** Refused before filtering (a loop, a size limit): logged, nothing kept. */
    private static final String REFUSED = "m.status = 'REJECTED' AND m.verdict IS NULL";

    private static final String TOTALS =
            "SELECT COUNT(*),"
                    + " COALESCE(SUM(CASE WHEN m.status = 'DELIVERED' THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN "
                    + HELD
                    + " AND (m.verdict_reasons IS NULL OR NOT "
                    + VIRUS
                    + ") THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN "
                    + HELD
                    + " AND "
                    + VIRUS
                    + " THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN "
                    + REFUSED
                    + " THEN 1 ELSE 0 END), 0)";

    /**
     * Mail received over SMTP has the client's address; the mail the gateway writes itself
     * (reports, DSNs) has none and is not counted, or each report would count the one before.
     */
    private static final String RECEIVED =
            " AND m.direction = 'INBOUND' AND m.client_ip IS NOT NULL";

    /** A user's log in a period: log_recipient's key (address, received_at, log_id), then by id. */
    private static final String USER_LOG =
            " FROM log_recipient r JOIN message_log m ON m.id = r.log_id"
                    + " WHERE r.address = ? AND r.received_at >= ? AND r.received_at < ?"
                    + " AND m.domain = ?"
                    + RECEIVED;

    /** A domain's log in a period: ix_message_log_domain_time. */
    private static final String DOMAIN_LOG =
            " FROM message_log m WHERE m.domain = ? AND m.received_at >= ? AND m.received_at < ?"
                    + RECEIVED;

    private static final String HELD_COLUMNS =
            "SELECT q.id, h.address, q.created_at, q.sender, q.subject, q.verdict, q.reasons,"
                    + " q.score, q.expires_at";

    /** A user's copies still held: from its log range to the copy through ix_quarantine_log. */
    private static final String USER_HELD =
            " FROM log_recipient r JOIN message_log m ON m.id = r.log_id"
                    + " JOIN quarantine_message q ON q.log_id = m.id"
                    + " JOIN quarantine_recipient h ON h.address = r.address AND h.quarantine_id = q.id"
                    + " WHERE r.address = ? AND r.received_at >= ? AND r.received_at < ?"
                    + " AND m.domain = ? AND q.domain = ? AND q.direction = 'INBOUND'"
                    + " AND h.released_at IS NULL AND q.expires_at > ?";

    /** A domain's copies still held: ix_quarantine_domain_created. */
    private static final String DOMAIN_HELD =
            " FROM quarantine_message q JOIN quarantine_recipient h ON h.quarantine_id = q.id"
                    + " WHERE q.domain = ? AND q.created_at >= ? AND q.created_at < ?"
                    + " AND q.direction = 'INBOUND' AND h.released_at IS NULL AND q.expires_at > ?";

    private static final String ACTIVE =
            " AND NOT EXISTS (SELECT 1 FROM domain_claim c WHERE c.name = d.name)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    /** Set only by tests, which run the same SQL on an H2 connection of their own. */
    private final Connection connection;

    public JpaReportRepository() {
        this.connection = null;
    }

    JpaReportRepository(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Totals userTotals(String domain, String address, Instant start, Instant end) {
        return on(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(TOTALS + USER_LOG)) {
                        bindUser(ps, 1, domain, address, start, end);
                        return totals(ps);
                    }
                });
    }

    @Override
    public Totals domainTotals(String domain, Instant start, Instant end) {
        return on(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(TOTALS + DOMAIN_LOG)) {
                        bindDomain(ps, 1, domain, start, end);
                        return totals(ps);
                    }
                });
    }

    @Override
    public Listing<HeldMessage> heldForUser(
            String domain, String address, Instant start, Instant end, Instant now, int limit) {
        return on(
                c -> {
                    List<HeldMessage> lines = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    HELD_COLUMNS
                                            + USER_HELD
                                            + " ORDER BY r.received_at DESC, r.log_id DESC LIMIT ?")) {
                        int i = bindUserHeld(ps, domain, address, start, end, now);
                        ps.setInt(i, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                lines.add(held(rs));
                            }
                        }
                    }
                    if (lines.size() < limit) {
                        return new Listing<>(lines, 0);
                    }
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + USER_HELD)) {
                        bindUserHeld(ps, domain, address, start, end, now);
                        return new Listing<>(lines, (int) (count(ps) - lines.size()));
                    }
                });
    }

    @Override
    public Listing<HeldMessage> heldForDomain(
            String domain, Instant start, Instant end, Instant now, int limit) {
        return on(
                c -> {
                    List<HeldMessage> lines = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    HELD_COLUMNS
                                            + DOMAIN_HELD
                                            + " ORDER BY q.created_at DESC, q.id DESC, h.address"
                                            + " LIMIT ?")) {
                        int i = bindDomain(ps, 1, domain, start, end);
                        Jdbc.setTime(ps, i++, now);
                        ps.setInt(i, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                lines.add(held(rs));
                            }
                        }
                    }
                    if (lines.size() < limit) {
                        return new Listing<>(lines, 0);
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT COUNT(*)" + DOMAIN_HELD)) {
                        int i = bindDomain(ps, 1, domain, start, end);
                        Jdbc.setTime(ps, i, now);
                        return new Listing<>(lines, (int) (count(ps) - lines.size()));
                    }
                });
    }

    @Override
    public Listing<RefusedMessage> refusedForUser(
            String domain, String address, Instant start, Instant end, int limit) {
        return on(
                c ->
                        refused(
                                c,
                                USER_LOG + " AND " + REFUSED,
                                " ORDER BY r.received_at DESC, r.log_id DESC",
                                limit,
                                ps -> bindUser(ps, 1, domain, address, start, end)));
    }

    @Override
    public Listing<RefusedMessage> refusedForDomain(
            String domain, Instant start, Instant end, int limit) {
        return on(
                c ->
                        refused(
                                c,
                                DOMAIN_LOG + " AND " + REFUSED,
                                " ORDER BY m.received_at DESC, m.id DESC",
                                limit,
                                ps -> bindDomain(ps, 1, domain, start, end)));
    }

    @Override
    public List<SenderCount> topHeldSenders(String domain, Instant start, Instant end, int limit) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT m.sender, COUNT(*)"
                                            + DOMAIN_LOG
                                            + " AND "
                                            + HELD
                                            + " AND m.sender <> ''"
                                            + " GROUP BY m.sender ORDER BY COUNT(*) DESC, m.sender"
                                            + " LIMIT ?")) {
                        int i = bindDomain(ps, 1, domain, start, end);
                        ps.setInt(i, limit);
                        List<SenderCount> out = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(new SenderCount(rs.getString(1), rs.getLong(2)));
                            }
                        }
                        return out;
                    }
                });
    }

    @Override
    public List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT u.id, u.address, d.name, u.report_format"
                                            + " FROM email_user u JOIN domain d ON d.id = u.domain_id"
                                            + " WHERE u.report_frequency = ? AND u.id > ?"
                                            + ACTIVE
                                            // An auto-enabled user's first report waits 24 h.
                                            + " AND NOT EXISTS (SELECT 1 FROM email_user_activation a"
                                            + " WHERE a.address = u.address AND a.reports_from > ?)"
                                            + " ORDER BY u.id LIMIT ?")) {
                        ps.setString(1, frequency);
                        ps.setLong(2, afterId);
                        Jdbc.setTime(ps, 3, now);
                        ps.setInt(4, limit);
                        List<DueUser> out = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new DueUser(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4)));
                            }
                        }
                        return out;
                    }
                });
    }

    @Override
    public List<DueDomain> domainsDue(String frequency, long afterId, int limit) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT d.id, d.name, s.report_format,"
                                            + " COALESCE(s.report_address, d.admin_contact)"
                                            + " FROM domain_report s JOIN domain d ON d.id = s.domain_id"
                                            + " WHERE s.report_frequency = ? AND s.domain_id > ?"
                                            + ACTIVE
                                            + " ORDER BY s.domain_id LIMIT ?")) {
                        ps.setString(1, frequency);
                        ps.setLong(2, afterId);
                        ps.setInt(3, limit);
                        List<DueDomain> out = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new DueDomain(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4)));
                            }
                        }
                        return out;
                    }
                });
    }

    @Override
    public Optional<Instant> lastPeriodEnd(SubjectKind kind, String subject) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT MAX(period_end) FROM report_sent"
                                            + " WHERE kind = ? AND subject = ?")) {
                        ps.setString(1, kind.name());
                        ps.setString(2, subject);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? Optional.ofNullable(instant(rs, 1))
                                    : Optional.empty();
                        }
                    }
                });
    }

    @Override
    public boolean recordSent(SentRecord r) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO report_sent (kind, subject, period_key,"
                                            + " period_start, period_end, recipient, sent_at)"
                                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        ps.setString(1, r.kind().name());
                        ps.setString(2, r.subject());
                        ps.setString(3, r.period().key());
                        Jdbc.setTime(ps, 4, r.period().start());
                        Jdbc.setTime(ps, 5, r.period().end());
                        ps.setString(6, r.recipient());
                        Jdbc.setTime(ps, 7, r.sentAt());
                        ps.executeUpdate();
                        return true;
                    } catch (SQLException e) {
                        // Caught here, before Hibernate sees it: a duplicate key fails the
                        // statement only (InnoDB and H2 alike), the transaction goes on. A racing
                        // run's uncommitted row makes this insert wait for that run's outcome.
                        if (duplicateKey(e)) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    @Override
    public int purgeSent(Instant cutoff, int limit) {
        return on(
                c -> {
                    List<Long> ids = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id FROM report_sent WHERE period_end < ?"
                                            + " ORDER BY period_end LIMIT ?")) {
                        Jdbc.setTime(ps, 1, cutoff);
                        ps.setInt(2, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                            }
                        }
                    }
                    if (ids.isEmpty()) {
                        return 0;
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "DELETE FROM report_sent WHERE id IN ("
                                            + "?, ".repeat(ids.size() - 1)
                                            + "?)")) {
                        for (int i = 0; i < ids.size(); i++) {
                            ps.setLong(i + 1, ids.get(i));
                        }
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public DomainReportSettings settingsOf(long domainId) {
        return on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT report_frequency, report_format, report_address"
                                            + " FROM domain_report WHERE domain_id = ?")) {
                        ps.setLong(1, domainId);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? new DomainReportSettings(
                                            rs.getString(1), rs.getString(2), rs.getString(3))
                                    : DomainReportSettings.NONE;
                        }
                    }
                });
    }

    @Override
    public Map<Long, DomainReportSettings> allSettings() {
        return on(
                c -> {
                    Map<Long, DomainReportSettings> out = new HashMap<>();
                    try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "SELECT domain_id, report_frequency, report_format,"
                                                    + " report_address FROM domain_report");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(
                                    rs.getLong(1),
                                    new DomainReportSettings(
                                            rs.getString(2), rs.getString(3), rs.getString(4)));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void changeSettings(long domainId, DomainReportSettings s) {
        on(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO domain_report (domain_id, report_frequency,"
                                            + " report_format, report_address) VALUES (?, ?, ?, ?)"
                                            + " ON DUPLICATE KEY UPDATE"
                                            + " report_frequency = VALUES(report_frequency),"
                                            + " report_format = VALUES(report_format),"
                                            + " report_address = VALUES(report_address)")) {
                        ps.setLong(1, domainId);
                        ps.setString(2, s.frequency());
                        ps.setString(3, s.format());
                        ps.setString(4, s.address());
                        return ps.executeUpdate();
                    }
                });
    }

    /** Binds (address, start, end, domain) of {@link #USER_LOG}; returns the next index. */
    private static int bindUser(
            PreparedStatement ps, int i, String domain, String address, Instant start, Instant end)
            throws SQLException {
        ps.setString(i++, address);
        Jdbc.setTime(ps, i++, start);
        Jdbc.setTime(ps, i++, end);
        ps.setString(i++, domain);
        return i;
    }

    private static int bindUserHeld(
            PreparedStatement ps,
            String domain,
            String address,
            Instant start,
            Instant end,
            Instant now)
            throws SQLException {
        int i = bindUser(ps, 1, domain, address, start, end);
        ps.setString(i++, domain);
        Jdbc.setTime(ps, i++, now);
        return i;
    }

    /** Binds (domain, start, end) of {@link #DOMAIN_LOG} and {@link #DOMAIN_HELD}. */
    private static int bindDomain(
            PreparedStatement ps, int i, String domain, Instant start, Instant end)
            throws SQLException {
        ps.setString(i++, domain);
        Jdbc.setTime(ps, i++, start);
        Jdbc.setTime(ps, i++, end);
        return i;
    }

    private interface Binder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    private static Listing<RefusedMessage> refused(
            Connection c, String from, String order, int limit, Binder binder) throws SQLException {
        List<RefusedMessage> lines = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT m.received_at, m.sender, m.subject, m.reason"
                                + from
                                + order
                                + " LIMIT ?")) {
            ps.setInt(binder.bind(ps), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(
                            new RefusedMessage(
                                    instant(rs, 1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4)));
                }
            }
        }
        if (lines.size() < limit) {
            return new Listing<>(lines, 0);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from)) {
            binder.bind(ps);
            return new Listing<>(lines, (int) (count(ps) - lines.size()));
        }
    }

    private static Totals totals(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Totals(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HeldMessage held(ResultSet rs) throws SQLException {
        String reasons = rs.getString(7);
        return new HeldMessage(
                rs.getLong(1),
                rs.getString(2),
                instant(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                reasons,
                reasons != null && reasons.contains("VIRUS_FOUND"),
                rs.getDouble(8),
                instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** SQLSTATE class 23 (integrity constraint violation); the insert has no foreign key. */
    private static boolean duplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
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
