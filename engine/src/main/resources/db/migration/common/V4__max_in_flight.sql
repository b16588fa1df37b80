-- A job's own bound on tasks ahead at once (JobOptions.maxInFlight, the HTTP field
-- maxInFlight), kept so that a job resumed after a restart keeps it; 0 for none.
ALTER TABLE job ADD COLUMN max_in_flight INT DEFAULT 0 NOT NULL;
