-- FilterMX schema, version 3: filter policies, allow/block lists, quarantine.
-- (The log's verdict columns are part of V1: H2 rebuilds a table on ALTER TABLE ADD COLUMN and
-- its identity generator then handed out duplicate ids under concurrent inserts.)

-- Thresholds and scanner choice; scope '' holds the cluster-wide defaults, a domain name
-- overrides them for that domain (NULL columns inherit).
CREATE TABLE filter_policy (
    scope VARCHAR(253) NOT NULL PRIMARY KEY,
    quarantine_threshold DOUBLE,
    reject_threshold DOUBLE,
    disabled_scanners VARCHAR(500),
    virus_engine_down VARCHAR(16),
    spam_engine_down VARCHAR(16),
    updated_at DATETIME(3) NOT NULL
);
INSERT INTO filter_policy (scope, quarantine_threshold, reject_threshold, disabled_scanners,
    virus_engine_down, spam_engine_down, updated_at)
    VALUES ('', 5.0, 15.0, '', 'TEMPFAIL', 'CONTINUE', CURRENT_TIMESTAMP);

-- Allow and block lists at cluster (owner ''), domain (owner = domain) and email-user level
-- (owner = address), matched on the sender or on the recipient.
CREATE TABLE filter_list_entry (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    owner_type VARCHAR(8) NOT NULL,
    owner VARCHAR(320) NOT NULL,
    action VARCHAR(8) NOT NULL,
    match_on VARCHAR(16) NOT NULL,
    pattern VARCHAR(320) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_filter_list_entry UNIQUE (owner_type, owner, action, match_on, pattern)
);

-- Messages held instead of delivered: quarantined by score, or refused at SMTP time with a copy
-- kept so that an administrator can still release them.
CREATE TABLE quarantine_message (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_id VARCHAR(64) NOT NULL,
    log_id BIGINT NOT NULL,
    domain VARCHAR(253),
    direction VARCHAR(8) NOT NULL,
    sender VARCHAR(320) NOT NULL,
    recipients VARCHAR(4000) NOT NULL,
    subject VARCHAR(255),
    verdict VARCHAR(16) NOT NULL,
    score DOUBLE NOT NULL,
    reasons VARCHAR(2000),
    size_bytes BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    released_at DATETIME(3),
    content LONGBLOB NOT NULL
);
CREATE INDEX ix_quarantine_domain_created ON quarantine_message (domain, created_at);
CREATE INDEX ix_quarantine_log ON quarantine_message (log_id);
