package org.filtermx.domain.model.dmarc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Received report mails, the parsed reports of hosted domains, and each domain's hosted MTA-STS
 * setting. Every domain-scoped method takes the hosted domain's name; callers check tenancy.
 */
public interface DmarcReportRepository {

    /** Keeps a received report mail as received; returns its inbox id. */
    long keepReceived(String queueId, String clientAddress, Instant receivedAt, byte[] content);

    /** The kept mail of inbox entry {@code id}, if any. */
    Optional<byte[]> received(long id);

    /** Inbox entries received before {@code before} and not parsed yet, oldest first. */
    List<Long> unparsed(Instant before, int limit);

    /**
     * Removes kept mails received before {@code inboxBefore} and reports that ended before {@code
     * reportsBefore} (with their rows); returns how many rows went.
     */
    int purge(Instant inboxBefore, Instant reportsBefore);

    /**
     * Records that inbox entry {@code id} was parsed, with a short outcome, and drops its content.
     */
    void markParsed(long id, Instant at, String outcome);

    /**
     * Stores a report about hosted domain {@code domain}; false when a report with the same
     * (org_name, report_id) is already stored, or the domain is not hosted.
     */
    boolean store(String domain, AggregateReport report, Instant receivedAt);

    /**
     * Per source address, the messages reported for {@code domain} in reports ending after since.
     */
    List<SourceSummary> sources(String domain, Instant since, int limit);

    /** The earliest begin of the reports about {@code domain} ending after {@code since}. */
    Optional<Instant> firstReportSince(String domain, Instant since);

    /** The published DMARC policy ({@code p}) of the newest report about {@code domain}. */
    Optional<String> lastReportedPolicy(String domain);

    Optional<HostedMtaSts> mtaSts(String domain);

    void setMtaSts(String domain, HostedMtaSts setting);
}
