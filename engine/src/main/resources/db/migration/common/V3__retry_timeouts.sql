-- Whether a task past its task timeout is tried again (up to the job's retries) instead of
-- failing at once. Jobs stored before this column existed fail at once too.
ALTER TABLE job ADD COLUMN retry_timeouts BOOLEAN DEFAULT FALSE NOT NULL;
