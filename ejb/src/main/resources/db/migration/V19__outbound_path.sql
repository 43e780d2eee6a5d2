-- FilterMX schema, version 19: the outgoing mail path (issue 15, ADR 0028).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- New tables rather than ALTER TABLE ADD COLUMN on domain (see V3, V16).

-- A domain's outbound thresholds (the Domain entity's secondary table; no row or NULL = the
-- cluster's defaults FILTERMX_OUTBOUND_SPAM_THRESHOLD and FILTERMX_OUTBOUND_LOCK_THRESHOLD):
-- spam_threshold blocks outgoing mail scoring at or above it, lock_threshold also locks the sender.
CREATE TABLE domain_outbound (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    spam_threshold DOUBLE,
    lock_threshold DOUBLE,
    CONSTRAINT fk_domain_outbound_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

-- ARF reports sent per outgoing sender and hour, counted with INSERT ... ON DUPLICATE KEY UPDATE
-- so that nodes never race past the cap (FILTERMX_ARF_REPORTS_PER_HOUR); a sender keeps one row,
-- its older hours are deleted when a new one starts, and by housekeeping.
CREATE TABLE outbound_report_count (
    sender_key VARCHAR(400) NOT NULL,
    hour_start DATETIME(3) NOT NULL,
    reports INT NOT NULL,
    PRIMARY KEY (sender_key, hour_start)
);
-- Housekeeping deletes the counts of past hours (senders that stopped sending).
CREATE INDEX ix_outbound_report_count_hour ON outbound_report_count (hour_start);
