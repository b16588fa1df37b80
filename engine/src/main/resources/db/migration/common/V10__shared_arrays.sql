-- Shared arrays (TaskContext.array, Pool.array): one row per array, whose size is fixed at its
-- first use, and one row per element that was ever written; an element without a row is 0.
CREATE TABLE shared_array (
    name        VARCHAR(200) PRIMARY KEY,
    array_size  INT          NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE shared_array_item (
    name        VARCHAR(200) NOT NULL,
    item_index  INT          NOT NULL,
    item_value  BIGINT       NOT NULL,
    PRIMARY KEY (name, item_index)
);
