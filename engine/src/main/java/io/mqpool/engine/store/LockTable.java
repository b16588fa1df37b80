package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code shared_lock} table. */
final class LockTable {

    private static final String COLUMNS = "name, kind, permits, fence, updated_at";

    Optional<LockRow> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM shared_lock WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    List<LockRow> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM shared_lock ORDER BY name");
             ResultSet r = s.executeQuery()) {
            List<LockRow> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(row(r));
            }
            return rows;
        }
    }

    void create(Connection c, String name, LockKind kind, int permits, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_lock (" + COLUMNS + ") VALUES (?, ?, ?, 0, ?)")) {
            s.setString(1, name);
            s.setString(2, kind.name());
            s.setInt(3, permits);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    void advanceFence(Connection c, String name, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE shared_lock SET fence = fence + 1, updated_at = ? WHERE name = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, name);
            RowCount.exactlyOne(s.executeUpdate(), "fence of shared_lock " + name);
        }
    }

    boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_lock WHERE name = ?")) {
            s.setString(1, name);
            return RowCount.atMostOne(s.executeUpdate(), "delete of shared_lock " + name);
        }
    }

    private static LockRow row(ResultSet r) throws SQLException {
        return new LockRow(r.getString(1), LockKind.valueOf(r.getString(2)), r.getInt(3), r.getLong(4),
                r.getTimestamp(5).toInstant());
    }
}
