-- FilterMX schema, version 9: account names whose shape says their kind, so names of different
-- kinds never collide, and login attempt counts shared by all nodes.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Administrator and reseller names lose their dots (and '@'): a reseller named like a domain
-- could be taken over through that domain's login. Dots and '@' become '-' where the new name is
-- free and no other renamed account wants it ...
UPDATE user_account SET username = REPLACE(REPLACE(username, '.', '-'), '@', '-')
    WHERE role IN ('ADMIN', 'RESELLER') AND (username LIKE '%.%' OR username LIKE '%@%')
    AND NOT EXISTS (SELECT 1 FROM (SELECT id, username, role FROM user_account) other
        WHERE other.id <> user_account.id
        AND (other.username = REPLACE(REPLACE(user_account.username, '.', '-'), '@', '-')
            OR (other.role IN ('ADMIN', 'RESELLER')
                AND REPLACE(REPLACE(other.username, '.', '-'), '@', '-')
                    = REPLACE(REPLACE(user_account.username, '.', '-'), '@', '-'))));

-- ... and otherwise also get '-' and their id appended.
UPDATE user_account SET username = CONCAT(REPLACE(REPLACE(username, '.', '-'), '@', '-'), '-', CAST(id AS CHAR))
    WHERE role IN ('ADMIN', 'RESELLER') AND (username LIKE '%.%' OR username LIKE '%@%');

-- The shape of a name per kind: administrators and resellers plain (no '.', no '@'), domain
-- logins a domain name (a '.', no '@'), email users an address (an '@'). With the unique name,
-- one name is one login of one kind.
ALTER TABLE user_account ADD CONSTRAINT ck_user_account_name_kind CHECK (
    (role IN ('ADMIN', 'RESELLER') AND username NOT LIKE '%.%' AND username NOT LIKE '%@%')
    OR (role = 'DOMAIN' AND username LIKE '_%._%' AND username NOT LIKE '%@%')
    OR (role = 'EMAIL_USER' AND username LIKE '_%@_%'));

-- Password checks counted per user name ('u:name') and client address ('a:address'), for every
-- node: a check reserves its attempt here, under the row's lock, before the password is read.
CREATE TABLE login_attempt (
    subject VARCHAR(330) NOT NULL PRIMARY KEY,
    attempts INT NOT NULL,
    window_start DATETIME(3) NOT NULL,
    locked_until DATETIME(3),
    locks INT NOT NULL
);
CREATE INDEX ix_login_attempt_window ON login_attempt (window_start);
