package org.filtermx.domain.model.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reports read from the message log and the quarantine, the report settings of domains, and
 * the record of each report sent. Every read of tenant data is bounded to one hosted domain and
 * served by an index (see {@code V15__reports.sql}).
 */
public interface ReportRepository {

    /** Whose report: one email user's, or a whole domain's. */
    enum SubjectKind {
        USER,
        DOMAIN
    }

    /**
     * The period's inbound counts: received, delivered, held as spam, held as viruses, refused
     * without a copy kept.
     */
    record Totals(long received, long delivered, long spam, long viruses, long refused) {}

    /**
     * One held copy: the held message, the recipient whose copy it is, and what the quarantine
     * knows of it ({@code reasons} is the verdict summary, {@code virus} whether malware was
     * found).
     */
    record HeldMessage(
            long quarantineId,
            String recipient,
            Instant receivedAt,
            String sender,
            String subject,
            String verdict,
            String reasons,
            boolean virus,
            double score,
            Instant expiresAt) {}

    /** At most {@code limit} lines, newest first, and how many more the period holds. */
    record Listing<T>(List<T> lines, int omitted) {}

    /** A message refused at SMTP time of which no copy was kept. */
    record RefusedMessage(Instant receivedAt, String sender, String subject, String reason) {}

    /** A sender and how many of its messages were held. */
    record SenderCount(String sender, long messages) {}

    /** An email user due for a periodic report: its row id (the paging key) and settings. */
    record DueUser(long id, String address, String domain, String format) {}

    /**
     * A domain due for a periodic report; {@code recipient} is its report address or else its admin
     * contact, {@code null} when it has neither.
     */
    record DueDomain(long id, String name, String format, String recipient) {}

    /** One report handed to the spool. */
    record SentRecord(
            SubjectKind kind,
            String subject,
            ReportPeriod period,
            String recipient,
            Instant sentAt) {}

    Totals userTotals(String domain, String address, Instant start, Instant end);

    Totals domainTotals(String domain, Instant start, Instant end);

    /** The user's copies received in the period and still held at {@code now}. */
    Listing<HeldMessage> heldForUser(
            String domain, String address, Instant start, Instant end, Instant now, int limit);

    /** The domain's copies received in the period and still held at {@code now}. */
    Listing<HeldMessage> heldForDomain(
            String domain, Instant start, Instant end, Instant now, int limit);

    Listing<RefusedMessage> refusedForUser(
            String domain, String address, Instant start, Instant end, int limit);

    Listing<RefusedMessage> refusedForDomain(String domain, Instant start, Instant end, int limit);

    /** The senders of most messages held for the domain in the period, most first. */
    List<SenderCount> topHeldSenders(String domain, Instant start, Instant end, int limit);

    /**
     * Email users of active domains whose reports are sent {@code frequency}, in id order after
     * {@code afterId}, at most {@code limit}; an auto-enabled user is left out until its first
     * report is due (24 hours after it was made, ADR 0025), as of {@code now}.
     */
    List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now);

    /**
     * Active domains whose reports are sent {@code frequency}, in id order after {@code afterId}.
     */
    List<DueDomain> domainsDue(String frequency, long afterId, int limit);

    /** The end of the latest period reported to {@code subject}, if any was. */
    Optional<Instant> lastPeriodEnd(SubjectKind kind, String subject);

    /**
     * Records a report as sent, in the caller's transaction; {@code false} when the period's report
     * was recorded already (by this or a racing run), and nothing is written.
     */
    boolean recordSent(SentRecord record);

    /**
     * Deletes at most {@code limit} sent records of periods that ended before {@code cutoff};
     * returns how many.
     */
    int purgeSent(Instant cutoff, int limit);

    /** A domain's report settings; {@link DomainReportSettings#NONE} when it has none stored. */
    DomainReportSettings settingsOf(long domainId);

    /** The report settings of every domain that has some, by domain id (for the domain list). */
    Map<Long, DomainReportSettings> allSettings();

    void changeSettings(long domainId, DomainReportSettings settings);
}
