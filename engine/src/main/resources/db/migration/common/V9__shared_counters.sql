-- Shared counters (TaskContext.counter, Pool.counter): one row per name, created at its
-- first update. A row of shared_counter_update says that the update with that key was made,
-- so that addOnce adds nothing the second time.
CREATE TABLE shared_counter (
    name           VARCHAR(200) PRIMARY KEY,
    counter_value  BIGINT       NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE shared_counter_update (
    name        VARCHAR(200) NOT NULL,
    update_key  VARCHAR(400) NOT NULL,
    PRIMARY KEY (name, update_key)
);
