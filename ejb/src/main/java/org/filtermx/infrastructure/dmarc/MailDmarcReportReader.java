package org.filtermx.infrastructure.dmarc;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.port.DmarcReportReader;
import org.filtermx.domain.model.dmarc.AggregateReport;

/** {@link DmarcReportReader}: {@link ReportAttachments} then {@link AggregateReportParser}. */
@ApplicationScoped
public class MailDmarcReportReader implements DmarcReportReader {

    @Override
    public Reading read(byte[] mail) {
        ReportAttachments.Found found = ReportAttachments.of(mail);
        List<AggregateReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>(found.problems());
        for (byte[] xml : found.documents()) {
            try {
                reports.add(AggregateReportParser.parse(xml));
            } catch (AggregateReportParser.InvalidReport e) {
                problems.add(e.getMessage());
            }
        }
        return new Reading(reports, problems);
    }
}
