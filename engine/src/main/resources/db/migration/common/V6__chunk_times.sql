-- When a worker started and finished each chunk (epoch milliseconds, from the worker's clock),
-- for the throughput and duration charts. started_at_ms is NULL when unknown (outcomes not
-- run by a worker, or recorded before this column existed); finished_at_ms is then the time
-- the outcomes were recorded. Chunks recorded before this migration have neither.
ALTER TABLE chunk ADD COLUMN started_at_ms BIGINT;
ALTER TABLE chunk ADD COLUMN finished_at_ms BIGINT;
-- Tasks finished per minute across the server reads the recent chunks only.
CREATE INDEX chunk_finished ON chunk (finished_at_ms);
