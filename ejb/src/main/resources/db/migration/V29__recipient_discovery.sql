-- FilterMX schema, version 29: recipient discovery (issue 20, ADR 0047).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Evidence that an address of a hosted domain (main domain name, lower-case local part) is a real
-- mailbox, one row per address and kind of evidence: source is sender (the address sent mail
-- through the submission path) or reply (an outgoing message answered mail delivered to it).
-- Written with INSERT ... ON DUPLICATE KEY UPDATE in batches after the messages' commits, so two
-- nodes adding to one row never conflict. The panel's lists (local recipients, email users) are
-- read where they are kept, not copied here.
CREATE TABLE recipient_evidence (
    domain VARCHAR(253) NOT NULL,
    local_part VARCHAR(64) NOT NULL,
    source VARCHAR(16) NOT NULL,
    first_seen DATETIME(3) NOT NULL,
    last_seen DATETIME(3) NOT NULL,
    seen_count BIGINT NOT NULL,
    PRIMARY KEY (domain, local_part, source)
);
