-- Shared maps and lists (TaskContext.map and list, the seed's Manager().dict() and list()):
-- one row per entry or item, its value as JSON text. A map or list without rows is empty.
CREATE TABLE shared_map_entry (
    name         VARCHAR(200)     NOT NULL,
    entry_key    VARCHAR(200)     NOT NULL,
    entry_value  VARCHAR(1000000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, entry_key)
);

CREATE TABLE shared_list_item (
    name        VARCHAR(200)     NOT NULL,
    position    INT              NOT NULL,
    item_value  VARCHAR(1000000) NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, position)
);
