-- FilterMX schema, version 28: authentication posture per domain (issue 20, ADR 0046).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- DMARC aggregate report mails (RFC 7489 section 7.2) received at the cluster's rua address, kept
-- as received before the 250 reply; parsed_at is set once parsed (outcome says how it went), so a
-- report whose parsing was cut short by a restart is parsed again by the next node's sweep.
CREATE TABLE dmarc_inbox (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_id VARCHAR(64) NOT NULL,
    client_address VARCHAR(64),
    received_at DATETIME(3) NOT NULL,
    content LONGBLOB NOT NULL,
    parsed_at DATETIME(3),
    outcome VARCHAR(200)
);
CREATE INDEX ix_dmarc_inbox_parsed ON dmarc_inbox (parsed_at, received_at);

-- One aggregate report about a hosted domain (RFC 7489 appendix C, feedback/report_metadata and
-- policy_published), once per (org_name, report_id): a reporter resending a report adds nothing.
CREATE TABLE dmarc_report (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    domain_id BIGINT NOT NULL,
    org_name VARCHAR(200) NOT NULL,
    report_id VARCHAR(200) NOT NULL,
    date_begin DATETIME(3) NOT NULL,
    date_end DATETIME(3) NOT NULL,
    policy_domain VARCHAR(253) NOT NULL,
    policy_p VARCHAR(16),
    policy_sp VARCHAR(16),
    policy_pct INT,
    received_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_dmarc_report_org_id UNIQUE (org_name, report_id),
    CONSTRAINT fk_dmarc_report_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
CREATE INDEX ix_dmarc_report_domain_end ON dmarc_report (domain_id, date_end);

-- One row of a report (feedback/record): the messages from one source address with one outcome;
-- dkim_aligned and spf_aligned are policy_evaluated's pass/fail, dkim_result and spf_result the
-- auth_results' first result of each.
CREATE TABLE dmarc_record (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    report_id BIGINT NOT NULL,
    source_ip VARCHAR(45) NOT NULL,
    message_count BIGINT NOT NULL,
    disposition VARCHAR(16),
    dkim_aligned VARCHAR(8),
    spf_aligned VARCHAR(8),
    header_from VARCHAR(253),
    dkim_domain VARCHAR(253),
    dkim_result VARCHAR(16),
    spf_domain VARCHAR(253),
    spf_result VARCHAR(16),
    CONSTRAINT fk_dmarc_record_report FOREIGN KEY (report_id) REFERENCES dmarc_report (id) ON DELETE CASCADE
);
CREATE INDEX ix_dmarc_record_report ON dmarc_record (report_id);

-- A domain's MTA-STS policy as the cluster hosts it (RFC 8461 section 3.2): mode testing, enforce
-- or none; policy_id changes with every change and is the id of the _mta-sts TXT record. No row =
-- not hosted yet (mode none until the customer picks one).
CREATE TABLE domain_mta_sts (
    domain_id BIGINT NOT NULL PRIMARY KEY,
    mode VARCHAR(8) NOT NULL,
    policy_id VARCHAR(32) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    CONSTRAINT fk_domain_mta_sts_domain FOREIGN KEY (domain_id) REFERENCES domain (id) ON DELETE CASCADE
);
