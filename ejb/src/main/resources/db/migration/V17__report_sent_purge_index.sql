-- FilterMX schema, version 17: housekeeping deletes sent records by the end of their period.
CREATE INDEX ix_report_sent_period_end ON report_sent (period_end);
