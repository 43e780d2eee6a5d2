-- FilterMX schema, version 10: proof of control before a tenant's new domain or alias takes mail,
-- and the cluster setting that says how it is proven.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- New tables instead of new columns on domain and domain_alias: H2 rebuilds a table on
-- ALTER TABLE ADD COLUMN (see V3), and a claim is a separate fact with its own lifetime anyway.

-- A name (a domain or an alias of one) that a tenant below the administrators added and has not
-- yet proven to control. A domain with a claim on its own name is pending; a pending alias lives
-- only here, not in domain_alias, until it is verified or approved. Neither takes mail.
CREATE TABLE domain_claim (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(253) NOT NULL,
    domain_id BIGINT NOT NULL,
    token VARCHAR(64) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_domain_claim_name UNIQUE (name),
    CONSTRAINT fk_domain_claim_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_domain_claim_domain ON domain_claim (domain_id);

-- Cluster-wide settings that administrators change at run time, one row per setting.
CREATE TABLE cluster_setting (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_value VARCHAR(255) NOT NULL,
    updated_at DATETIME(3) NOT NULL
);
INSERT INTO cluster_setting (name, setting_value, updated_at)
    VALUES ('domain_verification', 'dns', CURRENT_TIMESTAMP);
