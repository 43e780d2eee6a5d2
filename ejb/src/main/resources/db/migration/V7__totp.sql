-- FilterMX schema, version 7: the optional second factor (TOTP, RFC 6238) of console logins.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- One row per account that started setting it up; it is required once confirmed. last_step is
-- the newest time step a code was accepted for, so a code cannot be used twice.
CREATE TABLE account_totp (
    account_id BIGINT NOT NULL PRIMARY KEY,
    secret VARCHAR(64) NOT NULL,
    confirmed BOOLEAN NOT NULL,
    last_step BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    CONSTRAINT fk_account_totp_account FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);
