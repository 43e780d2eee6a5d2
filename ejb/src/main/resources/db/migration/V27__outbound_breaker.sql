-- FilterMX schema, version 27: the outbound circuit breaker and its webhooks (issue 20, ADR 0045).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- What one identity of an outgoing user ('' = the account, else a smarthost's real sender) sent
-- per clock hour (hour_no = hours since 1970-01-01 UTC): raised with one INSERT ... ON DUPLICATE
-- KEY UPDATE per message, so parallel sessions on any node never lose a count. Housekeeping
-- deletes hours older than the baseline's horizon.
CREATE TABLE outgoing_hour (
    user_id BIGINT NOT NULL,
    identity VARCHAR(320) NOT NULL,
    hour_no BIGINT NOT NULL,
    messages INT NOT NULL,
    recipients INT NOT NULL,
    PRIMARY KEY (user_id, identity, hour_no),
    CONSTRAINT fk_outgoing_hour_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_outgoing_hour_no ON outgoing_hour (hour_no);

-- The learned baseline of an identity: exponentially weighted averages of messages and
-- recipients per hour over the hours up to and including folded_hour (hours_seen of them, counted
-- from the identity's first message), replaced only by an UPDATE that names the folded_hour it
-- read, so two nodes never fold the same hour twice.
CREATE TABLE outgoing_baseline (
    user_id BIGINT NOT NULL,
    identity VARCHAR(320) NOT NULL,
    folded_hour BIGINT NOT NULL,
    hours_seen INT NOT NULL,
    avg_messages DOUBLE NOT NULL,
    avg_recipients DOUBLE NOT NULL,
    first_seen DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, identity),
    CONSTRAINT fk_outgoing_baseline_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);

-- Floors of one outgoing user that replace the cluster's (FILTERMX_BREAKER_FLOOR_MESSAGES,
-- FILTERMX_BREAKER_FLOOR_RECIPIENTS); set by administrators and resellers.
CREATE TABLE outgoing_breaker_floor (
    user_id BIGINT NOT NULL PRIMARY KEY,
    messages INT NOT NULL,
    recipients INT NOT NULL,
    CONSTRAINT fk_outgoing_breaker_floor_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);

-- The self-service unlocks of an outgoing user by its domain's login, one row per UTC day: the
-- primary key makes a second unlock on the same day fail, however many arrive at once.
CREATE TABLE outgoing_self_unlock (
    user_id BIGINT NOT NULL,
    day_no BIGINT NOT NULL,
    unlocked_at DATETIME(3) NOT NULL,
    unlocked_by VARCHAR(320) NOT NULL,
    PRIMARY KEY (user_id, day_no),
    CONSTRAINT fk_outgoing_self_unlock_user FOREIGN KEY (user_id) REFERENCES outgoing_user (id) ON DELETE CASCADE
);

-- A webhook of an administrator or reseller account: events about outgoing locks go to url,
-- signed with HMAC-SHA256 under secret (sealed with the key file, ADR 0029). A reseller's
-- webhook receives only events of the domains the reseller may see.
CREATE TABLE webhook (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    url VARCHAR(2000) NOT NULL,
    secret VARCHAR(400) NOT NULL,
    events VARCHAR(200) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT fk_webhook_account FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_account ON webhook (account_id, id);

-- The outbox: one row per event and webhook, written in the transaction of the lock or unlock,
-- delivered by a timer with exponential backoff. claimed_until keeps two nodes from sending the
-- same row at once; done_at is set on success or when the row is given up.
CREATE TABLE webhook_delivery (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    webhook_id BIGINT NOT NULL,
    event VARCHAR(40) NOT NULL,
    payload VARCHAR(4000) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    next_attempt_at DATETIME(3) NOT NULL,
    attempts INT NOT NULL,
    claimed_until DATETIME(3),
    last_status INT,
    last_error VARCHAR(300),
    done_at DATETIME(3),
    delivered BOOLEAN NOT NULL,
    CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (done_at, next_attempt_at);
CREATE INDEX ix_webhook_delivery_webhook ON webhook_delivery (webhook_id, id);
