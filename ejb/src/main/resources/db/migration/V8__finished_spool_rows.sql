-- FilterMX schema, version 8: a finished spool message is deleted, not kept as state DONE.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.

-- Rows left DONE by earlier versions held nothing useful (their bytes were already dropped) and
-- kept the log purge from removing their log entries. Bytes and recipients go by cascade.
DELETE FROM spool_message WHERE state = 'DONE';
