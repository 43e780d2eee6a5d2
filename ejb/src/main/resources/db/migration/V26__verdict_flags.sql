-- The what-if tester (ADR 0044) groups a domain's last 30 days of logged verdicts by what decides
-- them: the score and four flags read from the reasons. Kept in a column of their own, with an
-- index holding every column the grouping reads, the query never reads the rows: 1 million rows
-- of one domain are grouped from the index alone. The bits are VerdictFlags' (1 virus, 2 sender
-- allowed, 4 recipient allowed, 8 blocked, 16 not judged); existing rows get them here.
ALTER TABLE message_log ADD COLUMN verdict_flags SMALLINT;

UPDATE message_log SET verdict_flags =
    CASE WHEN verdict IN ('DELIVER', 'QUARANTINE', 'REJECT') AND score IS NOT NULL THEN
        (CASE WHEN verdict_reasons LIKE '%VIRUS_FOUND%' THEN 1 ELSE 0 END)
        + (CASE WHEN verdict_reasons LIKE '%SENDER_ALLOWLISTED%' THEN 2 ELSE 0 END)
        + (CASE WHEN verdict_reasons LIKE '%RECIPIENT_ALLOWLISTED%' THEN 4 ELSE 0 END)
        + (CASE WHEN verdict_reasons LIKE '%BLOCKLISTED%' THEN 8 ELSE 0 END)
    ELSE 16 END
WHERE verdict IS NOT NULL;

CREATE INDEX ix_message_log_verdicts ON message_log (domain, received_at, direction, verdict_flags, score, sender);
