package org.filtermx.application;

import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The email users of a domain: addresses with their own login (to their quarantine and lists)
 * and their quarantine report settings.
 */
public interface EmailUserService {

    /** Largest CSV import. */
    int MAX_IMPORT_LINES = 10_000;

    /** An email user as listed; {@code login} tells whether it has a password. */
    record EmailUserView(String address, String domain, boolean login, String reportFrequency, String reportFormat,
            Instant createdAt) {}

    /** One CSV line that was not imported, and why in words. */
    record LineError(int line, String text, String error) {}

    /** What an import did. */
    record ImportResult(int lines, int added, int updated, List<LineError> errors) {}

    /**
     * Adds an email user of {@code domain}. {@code password} null: no login of its own. Report
     * frequency {@code never}, {@code daily} or {@code weekly}; format {@code html} or {@code pdf}
     * (nulls: never, html).
     */
    EmailUserView add(Caller caller, String domain, String address, String password, String reportFrequency,
            String reportFormat);

    /** A domain's users in address order, continuing after {@code after} (null: from the start). */
    List<EmailUserView> list(Caller caller, String domain, String after, int limit);

    EmailUserView get(Caller caller, String address);

    void remove(Caller caller, String address);

    /**
     * Imports users from CSV lines {@code address[,password[,frequency[,format]]]} (a header line
     * starting with {@code address} is skipped); existing users are updated. Bad lines are
     * reported and the rest imported. {@code progress} receives the number of lines done so far.
     * At most {@value #MAX_IMPORT_LINES} lines.
     */
    ImportResult importCsv(Caller caller, String domain, Reader csv, IntConsumer progress);
}
