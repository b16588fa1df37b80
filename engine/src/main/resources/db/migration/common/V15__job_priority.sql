-- Whose tasks go first among running jobs (JobOptions.withPriority, --priority, the HTTP field
-- priority): LOW, NORMAL or HIGH, as JobPriority names them. Jobs from before have normal priority.
ALTER TABLE job ADD COLUMN priority VARCHAR(6) DEFAULT 'NORMAL' NOT NULL;
