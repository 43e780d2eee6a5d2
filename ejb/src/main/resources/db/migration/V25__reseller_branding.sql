-- FilterMX schema, version 25: branding per reseller (issue 17, ADR 0034).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- A reseller's brand: what its domains' users see in the console, the reports, the welcome mails
-- and the release pages instead of the cluster's "FilterMX". Every value was validated by the
-- service (colours #rrggbb, a PNG or JPEG logo of at most 256 KiB); NULL = the built-in default.
-- version is a random token changed by every update: the logo's URL carries it, so the logo can be
-- cached for a year and still changes at once. login_host is the console host name (a CNAME of the
-- cluster's) on which the login page shows this brand, unique across resellers.
CREATE TABLE reseller_brand (
    reseller_id BIGINT NOT NULL PRIMARY KEY,
    product_name VARCHAR(64),
    primary_color VARCHAR(7),
    accent_color VARCHAR(7),
    support_address VARCHAR(254),
    login_host VARCHAR(253),
    logo MEDIUMBLOB,
    logo_type VARCHAR(16),
    version VARCHAR(32) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_reseller_brand_login_host UNIQUE (login_host),
    CONSTRAINT uk_reseller_brand_version UNIQUE (version),
    CONSTRAINT fk_reseller_brand_reseller FOREIGN KEY (reseller_id) REFERENCES user_account (id) ON DELETE CASCADE
);
