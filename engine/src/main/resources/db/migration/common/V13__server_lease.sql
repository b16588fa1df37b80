-- Which server is active over this store (one row, lease_name 'active'). The active server
-- renews it every second, counting its renewals; a standby that sees the count stand still for
-- a lease's length takes the row over and becomes active, with the next term. Clocks are never
-- compared across hosts: each server times the lease on its own. holder NULL: nobody is active.
CREATE TABLE server_lease (
    lease_name  VARCHAR(20)  PRIMARY KEY,
    holder      VARCHAR(200),
    term        BIGINT       NOT NULL,
    renewals    BIGINT       NOT NULL,
    renewed_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO server_lease (lease_name, holder, term, renewals, renewed_at) VALUES ('active', NULL, 0, 0, NULL);
