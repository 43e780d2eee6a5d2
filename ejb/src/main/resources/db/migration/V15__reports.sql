-- FilterMX schema, version 15: protection reports - the record of each report sent, the report
-- settings of domains, and the index that pages through the users due for a report.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- One row per report handed to the spool, written in the same transaction as the hand-over. The
-- unique key is what makes a report go out once per subject and period, even when two runs race
-- or a run that died is repeated (ADR 0023). period_key: D2026-12-01, W2026-W48, and for a
-- report on request N<epoch millis of its start>.
CREATE TABLE report_sent (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind VARCHAR(8) NOT NULL,
    subject VARCHAR(320) NOT NULL,
    period_key VARCHAR(32) NOT NULL,
    period_start DATETIME(3) NOT NULL,
    period_end DATETIME(3) NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    sent_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_report_sent UNIQUE (kind, subject, period_key)
);
-- A report on demand starts where the subject's last report ended.
CREATE INDEX ix_report_sent_last ON report_sent (kind, subject, period_end);

-- A domain's report settings; a domain without a row gets no periodic report (frequency never),
-- and its report on demand is HTML to its admin contact. A new table rather than columns on
-- domain, which has an identity id (H2 rebuilds such a table on ADD COLUMN, see V3).
-- report_address NULL: the domain's admin contact.
CREATE TABLE domain_report (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    report_frequency VARCHAR(8) NOT NULL,
    report_format VARCHAR(8) NOT NULL,
    report_address VARCHAR(320),
    CONSTRAINT fk_domain_report_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_domain_report_due ON domain_report (report_frequency, domain_id);

-- A run pages through the users of one frequency by id (keyset, 500 at a time).
CREATE INDEX ix_email_user_report ON email_user (report_frequency, id);

-- The report's reads use indexes that exist already: a user's log through log_recipient's key
-- (address, received_at, log_id), a domain's through ix_message_log_domain_time; a user's held
-- copies join from there through ix_quarantine_log and quarantine_recipient's key, a domain's
-- read ix_quarantine_domain_created; a pending domain is found through uk_domain_claim_name.
