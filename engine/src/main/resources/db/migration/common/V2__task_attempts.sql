-- Deaths of worker processes while a task ran, counted against the job's retries. Only tasks
-- that killed (or timed out) a worker have a row.
CREATE TABLE task_attempt (
    job_id      VARCHAR(32)  NOT NULL,
    task_index  BIGINT       NOT NULL,
    deaths      INT          NOT NULL,
    timeouts    INT          NOT NULL,
    last_exit   VARCHAR(100),
    PRIMARY KEY (job_id, task_index)
);
