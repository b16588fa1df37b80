-- How long a finished job is kept (JobOptions.withRetention, --retention, the HTTP field retention),
-- in milliseconds from the time it finished: NULL follows the server's jobs.retention, 0 keeps the
-- job forever. finished_at_ms is finished_at in epoch milliseconds, so that the retention sweep's
-- arithmetic (finished_at_ms + retention_ms) reads the same on H2 and PostgreSQL.
ALTER TABLE job ADD COLUMN retention_ms BIGINT;
ALTER TABLE job ADD COLUMN finished_at_ms BIGINT;
UPDATE job SET finished_at_ms = CAST(EXTRACT(EPOCH FROM finished_at) * 1000 AS BIGINT) WHERE finished_at IS NOT NULL;
CREATE INDEX job_finished ON job (finished_at_ms);
