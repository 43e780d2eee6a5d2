-- FilterMX schema, version 22: recipient verification callouts (issue 17, ADR 0031).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- New tables rather than ALTER TABLE ADD COLUMN on domain (see V3, V16, V19).

-- A domain's recipient checks (the Domain entity's secondary table; no row or NULL = off):
-- verify_recipients asks the destination about each new recipient at RCPT time;
-- accept_unverified accepts a recipient the destination could not be asked about in time
-- (otherwise 451 4.4.1).
CREATE TABLE domain_recipient_check (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    verify_recipients BOOLEAN,
    accept_unverified BOOLEAN,
    CONSTRAINT fk_domain_recipient_check_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

-- What the destination said about one address of a hosted domain (main domain name, lower-case
-- local part), shared by every node: accepted (valid) until expires_at (FILTERMX_CALLOUT_VALID_TTL after a
-- 250, a delivery or an email user), invalid until expires_at (FILTERMX_CALLOUT_INVALID_TTL after
-- a 5xx). source says who learned it: callout, delivery or panel.
CREATE TABLE recipient_callout (
    domain VARCHAR(253) NOT NULL,
    local_part VARCHAR(64) NOT NULL,
    accepted BOOLEAN NOT NULL,
    source VARCHAR(16) NOT NULL,
    checked_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    PRIMARY KEY (domain, local_part)
);
-- Housekeeping deletes expired answers.
CREATE INDEX ix_recipient_callout_expires ON recipient_callout (expires_at);

-- Whether a domain's destination accepts every address (a catch-all), found by asking it about a
-- random local part; while a row says catch_all, no callouts are made for the domain.
CREATE TABLE callout_domain (
    domain VARCHAR(253) NOT NULL PRIMARY KEY,
    catch_all BOOLEAN NOT NULL,
    checked_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL
);
