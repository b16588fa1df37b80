-- How a chunk's outcomes are laid out (io.mqpool.outcome.OutcomesForm): PER_TASK, one object per
-- task, or VALUES, a plain array of values for a chunk whose every task succeeded. Chunks recorded
-- before this column existed are all PER_TASK; a chunk still waiting for its outcomes has none.
ALTER TABLE chunk ADD COLUMN outcomes_form VARCHAR(10);
UPDATE chunk SET outcomes_form = 'PER_TASK' WHERE outcomes IS NOT NULL;
