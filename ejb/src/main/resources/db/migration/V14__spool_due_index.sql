-- FilterMX schema, version 14: the due scan of the spool no longer filters on spool_message.state.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Every spool row is queued since finished messages are deleted (V8), so the scan selects by
-- next_attempt_at alone, and an index led by state could no longer serve its range and order.
-- The state column stays (intake writes QUEUED into it); dropping it would rebuild the table on
-- H2, whose identity generator then misbehaves (see V3).
CREATE INDEX ix_spool_message_next_attempt ON spool_message (next_attempt_at);
DROP INDEX ix_spool_message_due ON spool_message;
