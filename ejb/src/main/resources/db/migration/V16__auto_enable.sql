-- FilterMX schema, version 16: auto-enable, welcome mails and login links (issue 14, ADR 0025).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- New tables rather than ALTER TABLE ADD COLUMN on domain and email_user (see V3).

-- A domain's auto-enable settings (the Domain entity's secondary table; no row = both off):
-- auto_enable_users makes every recipient with held spam an email user; destination_catch_all is
-- the operator's word that the destination accepts every address, which rules auto-enable out.
CREATE TABLE domain_auto_enable (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    auto_enable_users BOOLEAN,
    destination_catch_all BOOLEAN,
    CONSTRAINT fk_domain_auto_enable_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);

-- An email user made by auto-enable: no report before reports_from (24 hours after it was made),
-- its welcome mail due while welcome_due_at is set (cleared in the transaction that spools it).
CREATE TABLE email_user_activation (
    address VARCHAR(320) NOT NULL PRIMARY KEY,
    activated_at DATETIME(3) NOT NULL,
    reports_from DATETIME(3) NOT NULL,
    welcome_due_at DATETIME(3),
    welcome_sent_at DATETIME(3),
    CONSTRAINT fk_email_user_activation_user FOREIGN KEY (address) REFERENCES email_user (address) ON DELETE CASCADE
);
CREATE INDEX ix_email_user_activation_welcome ON email_user_activation (welcome_due_at);

-- Login links: only the SHA-256 of the token is kept; a link sets a password once, before it
-- expires.
CREATE TABLE login_link (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    address VARCHAR(320) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    used_at DATETIME(3),
    CONSTRAINT fk_login_link_user FOREIGN KEY (address) REFERENCES email_user (address) ON DELETE CASCADE
);
CREATE INDEX ix_login_link_address ON login_link (address);
CREATE INDEX ix_login_link_expires ON login_link (expires_at);
