-- FilterMX schema, version 23: greylisting (issue 17, ADR 0032).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- A domain's greylisting switch, beside its other recipient checks (V22); NULL = off.
ALTER TABLE domain_recipient_check ADD COLUMN greylisting BOOLEAN;

-- One row per triplet (client subnet, sender, recipient), keyed by the SHA-256 (hex) of
-- "subnet|sender|recipient" in lower case so that the key stays short whatever the addresses.
-- A triplet seen first at first_seen passes from first_seen + FILTERMX_GREYLIST_DELAY until
-- expires_at (first_seen + FILTERMX_GREYLIST_RETRY_WINDOW); once passed (passed_at) it passes at
-- once until expires_at, moved to the last pass + FILTERMX_GREYLIST_MAX_AGE.
CREATE TABLE greylist_triplet (
    triplet VARCHAR(64) NOT NULL PRIMARY KEY,
    first_seen DATETIME(3) NOT NULL,
    passed_at DATETIME(3),
    expires_at DATETIME(3) NOT NULL
);
-- Housekeeping deletes expired triplets.
CREATE INDEX ix_greylist_triplet_expires ON greylist_triplet (expires_at);

-- Triplets that passed per client subnet (/24 for IPv4, /64 for IPv6): a subnet with
-- FILTERMX_GREYLIST_AUTO_WHITELIST passes is not greylisted any more, until expires_at (its last
-- pass + FILTERMX_GREYLIST_MAX_AGE).
CREATE TABLE greylist_subnet (
    subnet VARCHAR(64) NOT NULL PRIMARY KEY,
    passes INT NOT NULL,
    expires_at DATETIME(3) NOT NULL
);
CREATE INDEX ix_greylist_subnet_expires ON greylist_subnet (expires_at);
