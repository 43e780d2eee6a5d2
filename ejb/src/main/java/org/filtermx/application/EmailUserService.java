package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * The email users of a domain: addresses with their own login (to their quarantine and lists) and
 * their quarantine report settings.
 */
public interface EmailUserService {

    /** Most users in one CSV import. */
    int MAX_IMPORT_LINES = 10_000;

    /** An email user as listed; {@code login} tells whether it has a password. */
    record EmailUserEntry(
            String address,
            String domain,
            boolean login,
            String reportFrequency,
            String reportFormat,
            Instant createdAt) {}

    /** One CSV line that was not imported, and why in words. */
    record LineError(int line, String text, String error) {}

    /**
     * A CSV import as its starter polls it: {@code state} RUNNING, DONE or FAILED (with {@code
     * failure} in words); {@code users} the records read, {@code done} how many of them have been
     * handled so far, {@code errors} the lines not imported so far, in line order.
     */
    record ImportJob(
            String id,
            String domain,
            String state,
            int lines,
            int users,
            int done,
            int added,
            int updated,
            List<LineError> errors,
            String failure,
            Instant startedAt,
            Instant finishedAt) {}

    /**
     * Adds an email user of {@code domain}. {@code password} null: no login of its own. Report
     * frequency {@code never}, {@code daily} or {@code weekly}; format {@code html} or {@code pdf}
     * (nulls: never, html).
     */
    EmailUserEntry add(
            Caller caller,
            String domain,
            String address,
            String password,
            String reportFrequency,
            String reportFormat);

    /** A domain's users in address order, continuing after {@code after} (null: from the start). */
    List<EmailUserEntry> list(Caller caller, String domain, String after, int limit);

    EmailUserEntry get(Caller caller, String address);

    void remove(Caller caller, String address);

    /**
     * Reads a CSV file of users (UTF-8, {@code ,} or {@code ;}, RFC 4180 quotes, an optional header
     * naming the columns address, password, password_hash, frequency, format; without a header
     * {@code address,password,frequency,format}) and saves them in the background; existing users
     * are updated. A file that is not CSV, too large or of more than {@value #MAX_IMPORT_LINES}
     * users is refused at once with {@link InvalidRequest}; bad lines are reported in the job and
     * the rest imported. Poll the job with {@link #importJob}.
     */
    ImportJob startImport(Caller caller, String domain, byte[] csv);

    /** An import the caller started, while it runs and for an hour after. */
    ImportJob importJob(Caller caller, String id);
}
