-- FilterMX schema, version 31: the durable training queue (issue 18, ADR 0051).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Messages a caller asked to have learnt later (POST /training/{spam|ham} with
-- "Prefer: respond-async"), one row per message, learnt oldest first by the nodes' workers in
-- batches and deleted in the batch's transaction. scope is '' for the cluster-wide classifier or
-- the hosted domain's name; queued_by the account that called, for the audit trail. The workers
-- claim rows with SELECT ... ORDER BY id LIMIT n FOR UPDATE SKIP LOCKED along the primary key:
-- no other index, since H2 locks every row an index lookup finds before it applies the LIMIT.
CREATE TABLE training_queue (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    spam BOOLEAN NOT NULL,
    scope VARCHAR(253) NOT NULL,
    queued_by VARCHAR(320) NOT NULL,
    queued_at DATETIME(3) NOT NULL,
    size_bytes INT NOT NULL,
    content LONGBLOB NOT NULL
);

-- Messages that could not be learnt, moved here with the reason, kept for inspection until
-- housekeeping removes them a few days later.
CREATE TABLE training_queue_failed (
    id BIGINT NOT NULL PRIMARY KEY,
    spam BOOLEAN NOT NULL,
    scope VARCHAR(253) NOT NULL,
    queued_by VARCHAR(320) NOT NULL,
    queued_at DATETIME(3) NOT NULL,
    size_bytes INT NOT NULL,
    content LONGBLOB NOT NULL,
    failed_at DATETIME(3) NOT NULL,
    error VARCHAR(500) NOT NULL
);
CREATE INDEX ix_training_queue_failed_at ON training_queue_failed (failed_at);

-- The queue's size in one row: messages and bytes in both tables (the cap), and how many of the
-- messages failed. Kept by the transactions that add, learn, fail and purge rows. A call takes
-- room with a conditional UPDATE of this row, which locks it, so two calls can never both take the
-- last room (no COUNT then INSERT).
CREATE TABLE training_queue_size (
    id INT NOT NULL PRIMARY KEY,
    messages BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    failed BIGINT NOT NULL
);
INSERT INTO training_queue_size (id, messages, bytes, failed) VALUES (1, 0, 0, 0);
