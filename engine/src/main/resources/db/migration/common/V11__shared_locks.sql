-- Shared locks and semaphores (TaskContext.lock, TaskContext.semaphore): one row per name, with
-- its kind, its number of permits (1 for a lock), fixed at first use, and the fencing token of
-- its latest grant. Who holds what is not here: a hold belongs to a worker's session, which
-- does not outlive the engine, so a restart frees every lock while the fence keeps growing.
CREATE TABLE shared_lock (
    name        VARCHAR(200) PRIMARY KEY,
    kind        VARCHAR(10)  NOT NULL,
    permits     INT          NOT NULL,
    fence       BIGINT       NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
