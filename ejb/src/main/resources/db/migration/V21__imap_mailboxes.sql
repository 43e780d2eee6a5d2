-- FilterMX schema, version 21: the quarantine seen from a mail client over IMAP (RFC 3501).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- UIDVALIDITY of every folder (RFC 3501 section 2.3.1.1): the UIDs are the held messages' ids,
-- which a new database starts again, so the value is the time this database got its IMAP
-- tables (seconds since 1970, a 32-bit number until 2106) and never changes afterwards.
CREATE TABLE imap_uid_validity (
    id INT NOT NULL PRIMARY KEY,
    uid_validity BIGINT NOT NULL
);
INSERT INTO imap_uid_validity (id, uid_validity) VALUES (1, UNIX_TIMESTAMP());

-- The system flags (\Seen, \Answered, \Flagged, \Deleted, \Draft as bits) one login set on one
-- held message; no row: none set. A login is "ROLE:name". The rows go with the message.
CREATE TABLE imap_flag (
    message_id BIGINT NOT NULL,
    login VARCHAR(340) NOT NULL,
    flags INT NOT NULL,
    PRIMARY KEY (message_id, login),
    CONSTRAINT fk_imap_flag_message FOREIGN KEY (message_id) REFERENCES quarantine_message (id) ON DELETE CASCADE
);

-- A folder is one domain's held messages of one direction that are still held: read from this
-- index alone, ids included, for folders of tens of thousands of messages.
CREATE INDEX ix_quarantine_folder ON quarantine_message (domain, direction, released_at, expires_at, id);
