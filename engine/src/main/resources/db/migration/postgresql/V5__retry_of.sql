-- A job made of the failed tasks of another (POST /api/jobs/{id}/retry-failed): the id of that
-- job, and the index each task had there as a JSON array (task i of this job was task
-- source_indexes[i] of that one). Both NULL for a job submitted afresh.
ALTER TABLE job ADD COLUMN retry_of VARCHAR(32);
ALTER TABLE job ADD COLUMN source_indexes TEXT;
