package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The statements of the {@code server_lease} table: every change is conditional on what was read. */
final class LeaseTable {

    private static final String ACTIVE = "active";

    LeaseRow read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT holder, term, renewals, renewed_at FROM server_lease WHERE lease_name = ?")) {
            s.setString(1, ACTIVE);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new StoreException("the store has no server_lease row: its schema is incomplete");
                }
                Timestamp renewedAt = r.getTimestamp(4);
                return new LeaseRow(Optional.ofNullable(r.getString(1)), r.getLong(2), r.getLong(3),
                        Optional.ofNullable(renewedAt).map(Timestamp::toInstant));
            }
        }
    }

    /**
     * Makes {@code holder} active in the next term, if the row is still as {@code seen}.
     *
     * @return false if another server changed it since (renewed it, or took it first)
     */
    boolean claim(Connection c, String holder, LeaseRow seen, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE server_lease SET holder = ?, term = term + 1, "
                + "renewals = 0, renewed_at = ? WHERE lease_name = ? AND term = ? AND renewals = ?")) {
            s.setString(1, holder);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, ACTIVE);
            s.setLong(4, seen.term());
            s.setLong(5, seen.renewals());
            return s.executeUpdate() == 1;
        }
    }

    /** @return false if {@code holder} no longer holds the lease in {@code term} */
    boolean renew(Connection c, String holder, long term, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE server_lease SET renewals = renewals + 1, "
                + "renewed_at = ? WHERE lease_name = ? AND holder = ? AND term = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, ACTIVE);
            s.setString(3, holder);
            s.setLong(4, term);
            return s.executeUpdate() == 1;
        }
    }

    /** Gives the lease up, so a standby takes over at once; nothing if it was taken meanwhile. */
    void release(Connection c, String holder, long term) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE server_lease SET holder = NULL, "
                + "renewals = renewals + 1 WHERE lease_name = ? AND holder = ? AND term = ?")) {
            s.setString(1, ACTIVE);
            s.setString(2, holder);
            s.setLong(3, term);
            s.executeUpdate();
        }
    }
}
