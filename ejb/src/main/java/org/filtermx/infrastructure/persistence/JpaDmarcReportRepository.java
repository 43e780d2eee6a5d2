package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.dmarc.AggregateReport;
import org.filtermx.domain.model.dmarc.DmarcReportRepository;
import org.filtermx.domain.model.dmarc.HostedMtaSts;
import org.filtermx.domain.model.dmarc.ReportRow;
import org.filtermx.domain.model.dmarc.SourceSummary;

/**
 * DMARC report mails, parsed reports and hosted MTA-STS settings in the V28 tables, by plain
 * statements on the persistence context's connection (a report may hold thousands of rows, inserted
 * as one batch).
 */
@ApplicationScoped
public class JpaDmarcReportRepository implements DmarcReportRepository {

    static final String KEEP =
            "INSERT INTO dmarc_inbox (queue_id, client_address, received_at, content)"
                    + " VALUES (?, ?, ?, ?)";
    static final String DOMAIN_ID = "SELECT id FROM domain WHERE name = ?";
    static final String EXISTS =
            "SELECT COUNT(*) FROM dmarc_report WHERE org_name = ? AND report_id = ?";
    static final String INSERT_REPORT =
            "INSERT INTO dmarc_report (domain_id, org_name, report_id, date_begin, date_end,"
                    + " policy_domain, policy_p, policy_sp, policy_pct, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ROW =
            "INSERT INTO dmarc_record (report_id, source_ip, message_count, disposition,"
                    + " dkim_aligned, spf_aligned, header_from, dkim_domain, dkim_result,"
                    + " spf_domain, spf_result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SOURCES =
            "SELECT r.source_ip, SUM(r.message_count),"
                    + " SUM(CASE WHEN r.dkim_aligned = 'pass' THEN r.message_count ELSE 0 END),"
                    + " SUM(CASE WHEN r.spf_aligned = 'pass' THEN r.message_count ELSE 0 END),"
                    + " SUM(CASE WHEN r.dkim_aligned = 'pass' OR r.spf_aligned = 'pass'"
                    + " THEN r.message_count ELSE 0 END)"
                    + " FROM dmarc_record r JOIN dmarc_report p ON p.id = r.report_id"
                    + " JOIN domain d ON d.id = p.domain_id"
                    + " WHERE d.name = ? AND p.date_end >= ?"
                    + " GROUP BY r.source_ip ORDER BY SUM(r.message_count) DESC, r.source_ip";
    static final String FIRST =
            "SELECT MIN(p.date_begin) FROM dmarc_report p JOIN domain d ON d.id = p.domain_id"
                    + " WHERE d.name = ? AND p.date_end >= ?";
    static final String LAST_POLICY =
            "SELECT p.policy_p FROM dmarc_report p JOIN domain d ON d.id = p.domain_id"
                    + " WHERE d.name = ? ORDER BY p.date_end DESC, p.id DESC";
    static final String MTA_STS =
            "SELECT m.mode, m.policy_id, m.updated_at FROM domain_mta_sts m"
                    + " JOIN domain d ON d.id = m.domain_id WHERE d.name = ?";
    static final String MTA_STS_STORE =
            "INSERT INTO domain_mta_sts (domain_id, mode, policy_id, updated_at)"
                    + " SELECT id, ?, ?, ? FROM domain WHERE name = ?"
                    + " ON DUPLICATE KEY UPDATE mode = VALUES(mode),"
                    + " policy_id = VALUES(policy_id), updated_at = VALUES(updated_at)";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public long keepReceived(
            String queueId, String clientAddress, Instant receivedAt, byte[] content) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(KEEP, Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, queueId);
                        ps.setString(2, clientAddress);
                        Jdbc.setTime(ps, 3, receivedAt);
                        ps.setBytes(4, content);
                        return Jdbc.insertReturningId(ps);
                    }
                });
    }

    @Override
    public Optional<byte[]> received(long id) {
        List<?> rows =
                em.createNativeQuery("SELECT content FROM dmarc_inbox WHERE id = ?")
                        .setParameter(1, id)
                        .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((byte[]) rows.get(0));
    }

    @Override
    public List<Long> unparsed(Instant before, int limit) {
        List<?> rows =
                em.createNativeQuery(
                                "SELECT id FROM dmarc_inbox WHERE parsed_at IS NULL"
                                        + " AND received_at < ? ORDER BY received_at")
                        .setParameter(1, Jdbc.utc(before))
                        .setMaxResults(limit)
                        .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    @Override
    public int purge(Instant inboxBefore, Instant reportsBefore) {
        int inbox =
                em.createNativeQuery("DELETE FROM dmarc_inbox WHERE received_at < ?")
                        .setParameter(1, Jdbc.utc(inboxBefore))
                        .executeUpdate();
        // The rows go with their reports (ON DELETE CASCADE).
        int reports =
                em.createNativeQuery("DELETE FROM dmarc_report WHERE date_end < ?")
                        .setParameter(1, Jdbc.utc(reportsBefore))
                        .executeUpdate();
        return inbox + reports;
    }

    @Override
    public void markParsed(long id, Instant at, String outcome) {
        em.createNativeQuery(
                        "UPDATE dmarc_inbox SET parsed_at = ?, outcome = ?, content = ? WHERE id = ?")
                .setParameter(1, Jdbc.utc(at))
                .setParameter(2, outcome.length() > 200 ? outcome.substring(0, 200) : outcome)
                // The mail is not needed once parsed: what it said is in the outcome and reports.
                .setParameter(3, new byte[0])
                .setParameter(4, id)
                .executeUpdate();
    }

    @Override
    public boolean store(String domain, AggregateReport report, Instant receivedAt) {
        return Jdbc.on(
                em,
                c -> {
                    long domainId;
                    try (PreparedStatement ps = c.prepareStatement(DOMAIN_ID)) {
                        ps.setString(1, domain);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return false;
                            }
                            domainId = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
                        ps.setString(1, report.orgName());
                        ps.setString(2, report.reportId());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next() && rs.getLong(1) > 0) {
                                return false;
                            }
                        }
                    }
                    long reportId;
                    try (PreparedStatement ps =
                            c.prepareStatement(INSERT_REPORT, Statement.RETURN_GENERATED_KEYS)) {
                        ps.setLong(1, domainId);
                        ps.setString(2, report.orgName());
                        ps.setString(3, report.reportId());
                        Jdbc.setTime(ps, 4, report.begin());
                        Jdbc.setTime(ps, 5, report.end());
                        ps.setString(6, report.policyDomain());
                        ps.setString(7, report.policy());
                        ps.setString(8, report.subdomainPolicy());
                        if (report.percent() == null) {
                            ps.setNull(9, Types.INTEGER);
                        } else {
                            ps.setInt(9, report.percent());
                        }
                        Jdbc.setTime(ps, 10, receivedAt);
                        reportId = Jdbc.insertReturningId(ps);
                    }
                    try (PreparedStatement ps = c.prepareStatement(INSERT_ROW)) {
                        for (ReportRow row : report.rows()) {
                            ps.setLong(1, reportId);
                            ps.setString(2, row.sourceIp());
                            ps.setLong(3, row.count());
                            ps.setString(4, row.disposition());
                            ps.setString(5, row.dkimAligned());
                            ps.setString(6, row.spfAligned());
                            ps.setString(7, row.headerFrom());
                            ps.setString(8, row.dkimDomain());
                            ps.setString(9, row.dkimResult());
                            ps.setString(10, row.spfDomain());
                            ps.setString(11, row.spfResult());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return true;
                });
    }

    @Override
    public List<SourceSummary> sources(String domain, Instant since, int limit) {
        List<?> rows =
                em.createNativeQuery(SOURCES)
                        .setParameter(1, domain)
                        .setParameter(2, Jdbc.utc(since))
                        .setMaxResults(limit)
                        .getResultList();
        List<SourceSummary> sources = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            sources.add(
                    new SourceSummary(
                            String.valueOf(r[0]),
                            number(r[1]),
                            number(r[2]),
                            number(r[3]),
                            number(r[4])));
        }
        return sources;
    }

    @Override
    public Optional<Instant> firstReportSince(String domain, Instant since) {
        List<?> rows =
                em.createNativeQuery(FIRST)
                        .setParameter(1, domain)
                        .setParameter(2, Jdbc.utc(since))
                        .getResultList();
        return rows.isEmpty() || rows.get(0) == null
                ? Optional.empty()
                : Optional.of(instant(rows.get(0)));
    }

    @Override
    public Optional<String> lastReportedPolicy(String domain) {
        List<?> rows =
                em.createNativeQuery(LAST_POLICY)
                        .setParameter(1, domain)
                        .setMaxResults(1)
                        .getResultList();
        return rows.isEmpty() || rows.get(0) == null
                ? Optional.empty()
                : Optional.of(String.valueOf(rows.get(0)));
    }

    @Override
    public Optional<HostedMtaSts> mtaSts(String domain) {
        List<?> rows = em.createNativeQuery(MTA_STS).setParameter(1, domain).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(
                new HostedMtaSts(String.valueOf(r[0]), String.valueOf(r[1]), instant(r[2])));
    }

    @Override
    public void setMtaSts(String domain, HostedMtaSts setting) {
        em.createNativeQuery(MTA_STS_STORE)
                .setParameter(1, setting.mode())
                .setParameter(2, setting.policyId())
                .setParameter(3, Jdbc.utc(setting.updatedAt()))
                .setParameter(4, domain)
                .executeUpdate();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return value instanceof Instant i ? i : Instant.EPOCH;
    }
}
