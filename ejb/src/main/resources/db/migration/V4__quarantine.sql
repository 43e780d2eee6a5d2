-- FilterMX schema, version 4: quarantine actions and retention, release links, the log's
-- recipient index ordered by time, and which reseller owns a domain.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- New tables instead of ALTER TABLE ADD COLUMN on tables with identity ids (see V3).

-- The held message's recipients, one row each, so that a recipient's quarantine is an index
-- range and each recipient can be released once. Rows held before this version kept only the
-- comma-separated list; the single-recipient ones are copied here.
CREATE TABLE quarantine_recipient (
    address VARCHAR(320) NOT NULL,
    quarantine_id BIGINT NOT NULL,
    released_at DATETIME(3),
    PRIMARY KEY (address, quarantine_id),
    CONSTRAINT fk_quarantine_recipient_message FOREIGN KEY (quarantine_id) REFERENCES quarantine_message (id) ON DELETE CASCADE
);
CREATE INDEX ix_quarantine_recipient_message ON quarantine_recipient (quarantine_id);
INSERT INTO quarantine_recipient (address, quarantine_id, released_at)
    SELECT recipients, id, released_at FROM quarantine_message WHERE recipients NOT LIKE '%,%';

-- Expiry walks this index in batches; listings read a domain's newest first.
CREATE INDEX ix_quarantine_expires ON quarantine_message (expires_at);
CREATE INDEX ix_quarantine_domain_id ON quarantine_message (domain, id);

-- Who did what to a held message, when and from which address. Kept after the message expires
-- or is deleted, so no foreign key.
CREATE TABLE quarantine_audit (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    quarantine_id BIGINT NOT NULL,
    log_id BIGINT NOT NULL,
    domain VARCHAR(253),
    action VARCHAR(32) NOT NULL,
    recipient VARCHAR(320),
    actor VARCHAR(320) NOT NULL,
    actor_address VARCHAR(45),
    occurred_at DATETIME(3) NOT NULL,
    detail VARCHAR(512)
);
CREATE INDEX ix_quarantine_audit_message ON quarantine_audit (quarantine_id);
CREATE INDEX ix_quarantine_audit_domain ON quarantine_audit (domain, occurred_at);

-- Secrets every node shares, such as the key that signs release links; made on first use.
CREATE TABLE server_secret (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    secret VARCHAR(128) NOT NULL,
    created_at DATETIME(3) NOT NULL
);

-- Quarantine retention in days: the cluster default in scope '', a domain's own otherwise.
-- (filter_policy has no identity column, so ALTER TABLE is safe here.)
ALTER TABLE filter_policy ADD COLUMN quarantine_retention_days INT;
UPDATE filter_policy SET quarantine_retention_days = 14 WHERE scope = '';

-- The log's recipients with the time of receipt, so that a recipient's newest messages are read
-- straight from the index (the key orders by time, then id, as the search does).
CREATE TABLE log_recipient (
    address VARCHAR(320) NOT NULL,
    received_at DATETIME(3) NOT NULL,
    log_id BIGINT NOT NULL,
    PRIMARY KEY (address, received_at, log_id),
    CONSTRAINT fk_log_recipient_log FOREIGN KEY (log_id) REFERENCES message_log (id) ON DELETE CASCADE
);
CREATE INDEX ix_log_recipient_log ON log_recipient (log_id);
INSERT INTO log_recipient (address, received_at, log_id)
    SELECT r.address, m.received_at, r.log_id FROM message_log_recipient r JOIN message_log m ON m.id = r.log_id;
DROP TABLE message_log_recipient;

-- Log search by domain, by sender and over everything read newest first with the id as tie
-- breaker; these replace the indexes of V1 that lacked the id.
CREATE INDEX ix_message_log_domain_time ON message_log (domain, received_at, id);
CREATE INDEX ix_message_log_sender_time ON message_log (sender, received_at, id);
CREATE INDEX ix_message_log_time ON message_log (received_at, id);
DROP INDEX ix_message_log_domain_received ON message_log;
DROP INDEX ix_message_log_sender ON message_log;
DROP INDEX ix_message_log_received ON message_log;

-- The reseller that owns a domain (none: the administrators').
CREATE TABLE domain_owner (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    reseller_id BIGINT NOT NULL,
    CONSTRAINT fk_domain_owner_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE,
    CONSTRAINT fk_domain_owner_reseller FOREIGN KEY (reseller_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_domain_owner_reseller ON domain_owner (reseller_id);
