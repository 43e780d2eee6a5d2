-- FilterMX schema, version 24: TLS policy per domain and the MTA-STS policy cache (issue 17).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- A domain's TLS policy (the Domain entity's secondary table; no row or NULL = today's behaviour):
-- delivery to its destination routes is opportunistic, required or verified; inbound mail for it
-- needs STARTTLS first (required) or not (optional).
CREATE TABLE domain_tls_policy (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    delivery VARCHAR(16),
    inbound VARCHAR(16),
    CONSTRAINT fk_domain_tls_policy_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

-- MTA-STS policies (RFC 8461) of recipient domains delivered to by MX, shared by every node:
-- one row per policy domain (lower case), with the id of the TXT record it was fetched under
-- (refetched when the id changes, section 5.1), its mode, its mx patterns (one per line, at most 30) and
-- max_age; usable until expires_at (fetched_at + max_age), also when a refetch fails.
CREATE TABLE mta_sts_policy (
    domain VARCHAR(253) NOT NULL PRIMARY KEY,
    policy_id VARCHAR(32) NOT NULL,
    mode VARCHAR(8) NOT NULL,
    mx_patterns VARCHAR(8000) NOT NULL,
    max_age BIGINT NOT NULL,
    fetched_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL
);
-- Housekeeping may delete expired policies.
CREATE INDEX ix_mta_sts_policy_expires ON mta_sts_policy (expires_at);
