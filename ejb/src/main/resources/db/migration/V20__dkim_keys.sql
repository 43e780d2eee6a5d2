-- FilterMX schema, version 20: DKIM signing keys of hosted domains (RFC 6376, RFC 8463; ADR 0029).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- One row per key; at most one active key per domain signs outgoing mail (the service switches
-- keys in one transaction). The private key (PKCS#8, base64) in `secret` is sealed with the key
-- file ("fmx1.<key id>.<base64url>", SecretCipher) for its row, "dkim_key:<id>", and re-sealed
-- with SecretsMigration when the key file gets a new key; public_key is what the DNS record's p=
-- carries. A domain's keys go with it.
CREATE TABLE dkim_key (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id BIGINT NOT NULL,
    selector VARCHAR(63) NOT NULL,
    algorithm VARCHAR(16) NOT NULL,
    secret VARCHAR(4096) NOT NULL,
    public_key VARCHAR(1024) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_dkim_key_selector UNIQUE (domain_id, selector),
    CONSTRAINT fk_dkim_key_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
