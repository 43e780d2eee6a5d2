-- FilterMX schema, version 13: secrets sealed at rest, and release-link keys that rotate.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Sealed values (AES-GCM, "fmx1.<key id>.<base64url>") are longer than the plain ones; the
-- application seals what is still plain at its next start (SecretsMigration).
-- (Neither table has an identity column, so ALTER TABLE is safe here.)
ALTER TABLE account_totp MODIFY COLUMN secret VARCHAR(255) NOT NULL;
ALTER TABLE server_secret MODIFY COLUMN secret VARCHAR(255) NOT NULL;

-- The keys that sign release links (ADR 0018). The highest id signs new links; rotating adds a
-- row and retires the others. A retired key still verifies links for the held messages that
-- existed when it was retired: those with an id below held_before.
CREATE TABLE release_link_key (
    id INT NOT NULL PRIMARY KEY,
    secret VARCHAR(255) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    retired_at DATETIME(3),
    held_before BIGINT
);

-- The single key of earlier versions becomes key 1, so links already mailed stay valid.
INSERT INTO release_link_key (id, secret, created_at) SELECT 1, secret, created_at FROM server_secret WHERE name = 'release-link';
DELETE FROM server_secret WHERE name = 'release-link';
