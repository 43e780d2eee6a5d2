-- FilterMX schema, version 18: outgoing users of the submission ports (issue 15, ADR 0027) - their
-- accounts and address ranges, their locks, their hourly counts and their open connections, all in
-- the shared database so that every node enforces the same limits.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- An outgoing user of a hosted domain: kind USERNAME (SMTP AUTH with login_name and a PBKDF2
-- password hash) or IP (authorized by client address, ranges below). identity_source NULL: an
-- ordinary account; 'mail-from' or 'header:<Field-Name>': a smarthost whose limits and locks apply
-- per real sender. Limits of 0 mean unlimited.
CREATE TABLE outgoing_user (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id BIGINT NOT NULL,
    kind VARCHAR(8) NOT NULL,
    login_name VARCHAR(320),
    password_hash VARCHAR(200),
    identity_source VARCHAR(80),
    messages_per_hour INT NOT NULL,
    recipients_per_hour INT NOT NULL,
    max_connections INT NOT NULL,
    auto_lock BOOLEAN NOT NULL,
    created_at DATETIME(3) NOT NULL,
    version INT NOT NULL,
    CONSTRAINT uk_outgoing_user_login UNIQUE (login_name),
    CONSTRAINT ck_outgoing_user_kind CHECK (
        (kind = 'USERNAME' AND login_name IS NOT NULL AND password_hash IS NOT NULL)
        OR (kind = 'IP' AND login_name IS NULL AND password_hash IS NULL)),
    CONSTRAINT fk_outgoing_user_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_outgoing_user_domain ON outgoing_user (domain_id, id);

-- The address ranges of IP users, IPv4 as IPv4-mapped IPv6: first and last address as 32 lower
-- case hex digits, so that text order is address order and a client is found with one indexed
-- range query. prefix_bits (of the mapped form) picks the most specific range.
CREATE TABLE outgoing_user_range (
    user_id BIGINT NOT NULL,
    range_text VARCHAR(64) NOT NULL,
    first_address CHAR(32) NOT NULL,
    last_address CHAR(32) NOT NULL,
    prefix_bits INT NOT NULL,
    PRIMARY KEY (user_id, range_text),
    CONSTRAINT uk_outgoing_user_range UNIQUE (first_address, last_address),
    CONSTRAINT fk_outgoing_user_range_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);

-- A lock of an outgoing user ('' identity: the whole account) or of one real sender of a
-- smarthost account; submissions are refused while the row exists.
CREATE TABLE outgoing_lock (
    user_id BIGINT NOT NULL,
    identity VARCHAR(320) NOT NULL,
    locked_at DATETIME(3) NOT NULL,
    reason VARCHAR(500) NOT NULL,
    PRIMARY KEY (user_id, identity),
    CONSTRAINT fk_outgoing_lock_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);

-- What a user (and each identity of a smarthost) sent, per minute: the last hour is the sum of
-- at most 60 rows, read and raised under the lock of the user's row.
CREATE TABLE outgoing_usage (
    user_id BIGINT NOT NULL,
    identity VARCHAR(320) NOT NULL,
    minute_start DATETIME(3) NOT NULL,
    messages INT NOT NULL,
    recipients INT NOT NULL,
    PRIMARY KEY (user_id, identity, minute_start),
    CONSTRAINT fk_outgoing_usage_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_outgoing_usage_minute ON outgoing_usage (minute_start);

-- One row per open submission connection that holds a slot of its user, by node and session:
-- counted under the user's row lock, deleted when the connection closes and, for a node that
-- restarts, at its start.
CREATE TABLE outgoing_session (
    node VARCHAR(120) NOT NULL,
    session_id VARCHAR(120) NOT NULL,
    user_id BIGINT NOT NULL,
    opened_at DATETIME(3) NOT NULL,
    PRIMARY KEY (node, session_id),
    CONSTRAINT fk_outgoing_session_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_outgoing_session_user ON outgoing_session (user_id, opened_at);
