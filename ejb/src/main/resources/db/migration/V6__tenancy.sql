-- FilterMX schema, version 6: the tenancy tree below the administrators (resellers, their
-- sub-resellers, email users) and API tokens.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- A sub-reseller's parent reseller; resellers without a row were added by an administrator.
CREATE TABLE reseller_parent (
    reseller_id BIGINT NOT NULL PRIMARY KEY,
    parent_id BIGINT NOT NULL,
    CONSTRAINT fk_reseller_parent_reseller FOREIGN KEY (reseller_id) REFERENCES user_account (id) ON DELETE CASCADE,
    CONSTRAINT fk_reseller_parent_parent FOREIGN KEY (parent_id) REFERENCES user_account (id)
);
CREATE INDEX ix_reseller_parent_parent ON reseller_parent (parent_id);

-- An email user of a hosted domain: its report settings; its login, when it has one, is the
-- user_account named by its address.
CREATE TABLE email_user (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    address VARCHAR(320) NOT NULL,
    domain_id BIGINT NOT NULL,
    report_frequency VARCHAR(8) NOT NULL,
    report_format VARCHAR(8) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_email_user_address UNIQUE (address),
    CONSTRAINT fk_email_user_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_email_user_domain ON email_user (domain_id, address);

-- API tokens: only the SHA-256 of the token is kept.
CREATE TABLE api_token (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    name VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    last_used_at DATETIME(3),
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_account FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_token_account ON api_token (account_id);
