-- FilterMX schema, version 1: hosted domains, accounts, spool and message log.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

CREATE TABLE config_revision (
    id INT NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO config_revision (id, revision) VALUES (1, 1);

CREATE TABLE domain (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(253) NOT NULL,
    catch_all BOOLEAN NOT NULL DEFAULT FALSE,
    admin_contact VARCHAR(320),
    created_at DATETIME(3) NOT NULL,
    version INT NOT NULL DEFAULT 0,
    CONSTRAINT uk_domain_name UNIQUE (name)
);

CREATE TABLE domain_alias (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(253) NOT NULL,
    domain_id BIGINT NOT NULL,
    CONSTRAINT uk_domain_alias_name UNIQUE (name),
    CONSTRAINT fk_domain_alias_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

CREATE TABLE domain_route (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id BIGINT NOT NULL,
    host VARCHAR(253) NOT NULL,
    port INT NOT NULL,
    priority INT NOT NULL,
    CONSTRAINT fk_domain_route_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

CREATE TABLE local_recipient (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id BIGINT NOT NULL,
    local_part VARCHAR(64) NOT NULL,
    CONSTRAINT uk_local_recipient UNIQUE (domain_id, local_part),
    CONSTRAINT fk_local_recipient_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

CREATE TABLE user_account (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(320) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(16) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_user_account_username UNIQUE (username)
);

CREATE TABLE message_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_id VARCHAR(64) NOT NULL,
    message_id VARCHAR(255),
    direction VARCHAR(8) NOT NULL,
    domain VARCHAR(253),
    client_ip VARCHAR(45),
    helo VARCHAR(255),
    sender VARCHAR(320) NOT NULL,
    recipients VARCHAR(4000) NOT NULL,
    subject VARCHAR(255),
    size_bytes BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    reason VARCHAR(512),
    score DOUBLE,
    verdict VARCHAR(16),
    verdict_reasons VARCHAR(2000),
    received_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_message_log_queue_id UNIQUE (queue_id)
);
CREATE INDEX ix_message_log_domain_received ON message_log (domain, received_at);
CREATE INDEX ix_message_log_sender ON message_log (sender, received_at);
CREATE INDEX ix_message_log_message_id ON message_log (message_id);
CREATE INDEX ix_message_log_received ON message_log (received_at);

CREATE TABLE message_log_recipient (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    log_id BIGINT NOT NULL,
    address VARCHAR(320) NOT NULL,
    CONSTRAINT fk_message_log_recipient_log FOREIGN KEY (log_id) REFERENCES message_log (id) ON DELETE CASCADE
);
CREATE INDEX ix_message_log_recipient_address ON message_log_recipient (address, log_id);

CREATE TABLE message_event (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    log_id BIGINT NOT NULL,
    occurred_at DATETIME(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    remote VARCHAR(255),
    detail VARCHAR(1000),
    CONSTRAINT fk_message_event_log FOREIGN KEY (log_id) REFERENCES message_log (id) ON DELETE CASCADE
);
CREATE INDEX ix_message_event_log ON message_event (log_id, occurred_at);

CREATE TABLE spool_message (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_id VARCHAR(64) NOT NULL,
    log_id BIGINT NOT NULL,
    target_domain VARCHAR(253) NOT NULL,
    sender VARCHAR(320) NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    size_bytes BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    next_attempt_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    lease_owner VARCHAR(64),
    lease_until DATETIME(3),
    last_reply VARCHAR(512),
    CONSTRAINT uk_spool_message_queue_id UNIQUE (queue_id)
);
CREATE INDEX ix_spool_message_due ON spool_message (state, next_attempt_at);

CREATE TABLE spool_content (
    spool_id BIGINT NOT NULL PRIMARY KEY,
    content LONGBLOB NOT NULL,
    CONSTRAINT fk_spool_content_message FOREIGN KEY (spool_id) REFERENCES spool_message (id) ON DELETE CASCADE
);

CREATE TABLE spool_recipient (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    spool_id BIGINT NOT NULL,
    address VARCHAR(320) NOT NULL,
    original_address VARCHAR(320) NOT NULL,
    state VARCHAR(16) NOT NULL,
    last_reply VARCHAR(512),
    CONSTRAINT fk_spool_recipient_message FOREIGN KEY (spool_id) REFERENCES spool_message (id) ON DELETE CASCADE
);
CREATE INDEX ix_spool_recipient_spool ON spool_recipient (spool_id);
