package org.filtermx.application.internal.posture;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.port.DmarcReportReader;
import org.filtermx.domain.model.dmarc.AggregateReport;
import org.filtermx.domain.model.dmarc.DmarcReportRepository;

/**
 * Keeps a received report mail (one transaction, before the 250 reply) and parses it (another):
 * each report about a hosted domain is stored once per (org_name, report_id); reports about other
 * domains are dropped, as is anything the reader refused, with the reason in the inbox row.
 */
@Stateless
public class DmarcReportStore {

    private static final Logger LOG = Logger.getLogger(DmarcReportStore.class.getName());

    @Inject private DmarcReportRepository repository;
    @Inject private DmarcReportReader reader;
    @Inject private HostedDomainDirectory directory;
    private final Clock clock = Clock.systemUTC();

    public long keep(String queueId, String clientAddress, Instant receivedAt, byte[] content) {
        return repository.keepReceived(queueId, clientAddress, receivedAt, content);
    }

    /** Kept report mails go after 30 days (they were parsed long before), reports after 90. */
    static final java.time.Duration KEEP_MAIL = java.time.Duration.ofDays(30);

    static final java.time.Duration KEEP_REPORTS = java.time.Duration.ofDays(90);

    /** Mails not parsed this long after receipt were cut short (a restart) and are parsed again. */
    static final java.time.Duration PARSE_GRACE = java.time.Duration.ofMinutes(5);

    /** The inbox entries to parse again now. */
    public List<Long> unparsed(Instant now) {
        return repository.unparsed(now.minus(PARSE_GRACE), 20);
    }

    public int purge(Instant now) {
        return repository.purge(now.minus(KEEP_MAIL), now.minus(KEEP_REPORTS));
    }

    /** Parses inbox entry {@code id}; returns the short outcome also kept with it. */
    public String parse(long id) {
        Optional<byte[]> content = repository.received(id);
        if (content.isEmpty()) {
            return "gone";
        }
        DmarcReportReader.Reading reading = reader.read(content.get());
        Instant now = clock.instant();
        List<String> outcome = new ArrayList<>();
        for (AggregateReport report : reading.reports()) {
            Optional<String> hosted =
                    directory.lookup(report.policyDomain()).map(HostedDomain::name);
            if (hosted.isEmpty()) {
                outcome.add("not hosted: " + report.policyDomain());
            } else if (repository.store(hosted.get(), report, now)) {
                outcome.add("stored " + report.reportId() + " (" + report.rows().size() + " rows)");
            } else {
                outcome.add("duplicate " + report.reportId());
            }
        }
        outcome.addAll(reading.problems());
        String text = outcome.isEmpty() ? "no report" : String.join("; ", outcome);
        repository.markParsed(id, now, text);
        LOG.info(() -> "DMARC report mail " + id + ": " + text);
        return text;
    }
}
