-- FilterMX schema, version 2: the statistical classifier's token counts.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- A scope is '' for the cluster-wide counts or a hosted domain's name for its own.
-- Tokens are stored as the first 8 bytes of their SHA-1 (a signed BIGINT), not as text.

CREATE TABLE bayes_token (
    scope VARCHAR(253) NOT NULL,
    token_hash BIGINT NOT NULL,
    spam_count INT NOT NULL,
    ham_count INT NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (scope, token_hash)
);
-- Lets a later expiry job find tokens not seen for a long time without a full scan.
CREATE INDEX ix_bayes_token_updated ON bayes_token (scope, updated_at);

CREATE TABLE bayes_totals (
    scope VARCHAR(253) NOT NULL PRIMARY KEY,
    spam_messages INT NOT NULL,
    ham_messages INT NOT NULL,
    updated_at DATETIME(3) NOT NULL
);
