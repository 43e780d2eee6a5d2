-- FilterMX schema, version 11: the bytes of a message sent to several hosted domains are stored
-- once, in message_body, and shared by the per-domain spool and quarantine parts (ADR 0015).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- The received message without the gateway's per-part header lines (trace, verdict). A row is
-- deleted when the last part that refers to it is finished; the housekeeping timer removes any
-- row that two parts finishing at once both left behind.
CREATE TABLE message_body (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    content LONGBLOB NOT NULL
);
CREATE INDEX ix_message_body_created ON message_body (created_at);

-- A spooled part that shares a body keeps only its own header lines in content; NULL: content
-- holds the whole message, as every single-domain message still does. (spool_content has no
-- identity column, so ALTER TABLE is safe here; see V3.)
ALTER TABLE spool_content ADD COLUMN body_id BIGINT;
-- Why no DSN may go back to the part's sender when delivery fails (failed SPF or DMARC, scored as
-- spam); NULL: a DSN may be sent. Decided at intake, where the whole verdict is known.
ALTER TABLE spool_content ADD COLUMN dsn_withheld VARCHAR(255);
CREATE INDEX ix_spool_content_body ON spool_content (body_id);

-- A held part that shares a body: its quarantine_message.content holds only its header lines.
-- (A new table rather than a column: quarantine_message has an identity id, see V3.)
CREATE TABLE quarantine_body (
    quarantine_id BIGINT NOT NULL PRIMARY KEY,
    body_id BIGINT NOT NULL,
    CONSTRAINT fk_quarantine_body_message FOREIGN KEY (quarantine_id) REFERENCES quarantine_message (id) ON DELETE CASCADE
);
CREATE INDEX ix_quarantine_body_body ON quarantine_body (body_id);
