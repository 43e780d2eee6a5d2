-- FilterMX schema, version 30: the age of recipient discovery's evidence (issue 20, ADR 0047).
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Housekeeping removes evidence not seen again within FILTERMX_DISCOVERY_RETENTION, 500 rows at a
-- time: this index lets each batch read the old rows alone instead of scanning the table.
CREATE INDEX ix_recipient_evidence_last_seen ON recipient_evidence (last_seen);
