package org.filtermx.domain.model.dmarc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DMARC aggregate report (RFC 7489 appendix C, {@code feedback}): who sent it ({@code
 * org_name}, {@code report_id}), the period it covers, the policy it found published for {@code
 * policyDomain}, and its rows. Dedupe key: (orgName, reportId).
 */
public record AggregateReport(
        String orgName,
        String reportId,
        Instant begin,
        Instant end,
        String policyDomain,
        String policy,
        String subdomainPolicy,
        Integer percent,
        List<ReportRow> rows) {

    public AggregateReport {
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(policyDomain, "policyDomain");
        rows = List.copyOf(rows);
    }
}
