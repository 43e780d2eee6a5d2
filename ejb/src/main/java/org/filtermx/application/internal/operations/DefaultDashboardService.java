package org.filtermx.application.internal.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.Caller;
import org.filtermx.application.DashboardService;
import org.filtermx.application.Visibility;
import org.filtermx.application.internal.accounts.Tenancy;

/**
 * Dashboard figures from the message log, grouped in the database over the caller's visible mail:
 * one aggregate for the days, one for the senders held most.
 */
@Stateless
public class DefaultDashboardService implements DashboardService {

    static final int MAX_DAYS = 31;
    static final int TOP_SENDERS = 10;

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Inject private Tenancy tenancy;

    @Override
    public Summary summary(Caller caller, int days) {
        Visibility v = tenancy.of(caller);
        int n = Math.max(1, Math.min(days, MAX_DAYS));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(n - 1);
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            counts.put(d, new long[5]);
        }
        if (v.domains() != null && v.domains().isEmpty()) {
            return new Summary(days(counts), List.of());
        }
        List<Object> params = new ArrayList<>();
        String from = from(v, first, params);
        Query q =
                em.createNativeQuery(
                        "SELECT CAST(m.received_at AS DATE), m.direction, m.status, m.verdict,"
                                + " CASE WHEN m.verdict_reasons LIKE '%VIRUS_FOUND%' THEN 1 ELSE 0 END, COUNT(*)"
                                + from
                                + " GROUP BY CAST(m.received_at AS DATE), m.direction, m.status, m.verdict,"
                                + " CASE WHEN m.verdict_reasons LIKE '%VIRUS_FOUND%' THEN 1 ELSE 0 END");
        bind(q, params);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        for (Object[] row : rows) {
            long[] c = counts.get(day(row[0]));
            if (c == null) {
                continue;
            }
            long count = ((Number) row[5]).longValue();
            boolean virus = ((Number) row[4]).intValue() == 1;
            c["OUTBOUND".equals(row[1]) ? 1 : 0] += count;
            if (virus) {
                c[3] += count;
            } else if ("QUARANTINE".equals(row[3]) || "REJECT".equals(row[3])) {
                c[2] += count;
            }
            if ("DELIVERED".equals(row[2])) {
                c[4] += count;
            }
        }
        List<Object> senderParams = new ArrayList<>();
        Query top =
                em.createNativeQuery(
                        "SELECT m.sender, COUNT(*)"
                                + from(v, first, senderParams)
                                + " AND m.status IN ('QUARANTINED', 'REJECTED') AND m.sender <> ''"
                                + " GROUP BY m.sender ORDER BY COUNT(*) DESC, m.sender");
        bind(top, senderParams);
        @SuppressWarnings("unchecked")
        List<Object[]> senders = top.setMaxResults(TOP_SENDERS).getResultList();
        return new Summary(
                days(counts),
                senders.stream()
                        .map(r -> new Sender((String) r[0], ((Number) r[1]).longValue()))
                        .toList());
    }

    private static String from(Visibility v, LocalDate first, List<Object> params) {
        StringBuilder sql = new StringBuilder(" FROM message_log m");
        if (v.address() != null) {
            sql.append(
                    " JOIN log_recipient r ON r.log_id = m.id WHERE r.address = ? AND r.received_at >= ?");
            params.add(v.address());
        } else {
            sql.append(" WHERE m.received_at >= ?");
        }
        params.add(LocalDateTime.of(first, LocalTime.MIDNIGHT));
        if (v.domains() != null) {
            sql.append(" AND m.domain IN (")
                    .append("?, ".repeat(v.domains().size() - 1))
                    .append("?)");
            params.addAll(v.domains());
        }
        return sql.toString();
    }

    private static void bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
    }

    private static LocalDate day(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(String.valueOf(value).substring(0, 10));
    }

    private static List<Day> days(Map<LocalDate, long[]> counts) {
        List<Day> out = new ArrayList<>();
        counts.forEach((d, c) -> out.add(new Day(d, c[0], c[1], c[2], c[3], c[4])));
        return out;
    }
}
