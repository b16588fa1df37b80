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
import java.util.OptionalLong;

/** The SQL of the {@code shared_counter} and {@code shared_counter_update} tables. */
final class CounterTable {

    OptionalLong find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT counter_value FROM shared_counter WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    Optional<CounterRow> findRow(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, counter_value, updated_at FROM shared_counter WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new CounterRow(r.getString(1), r.getLong(2), r.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /** Sets the value, creating the row if there is none. */
    void put(Connection c, String name, long value, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE shared_counter SET counter_value = ?, updated_at = ? WHERE name = ?")) {
            s.setLong(1, value);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, name);
            if (RowCount.atMostOne(s.executeUpdate(), "update of shared_counter " + name)) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_counter (name, counter_value, updated_at) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setLong(2, value);
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Records that the update with {@code key} was made; false if it had been before. */
    boolean recordUpdate(Connection c, String name, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM shared_counter_update WHERE name = ? AND update_key = ?")) {
            s.setString(1, name);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_counter_update (name, update_key) VALUES (?, ?)")) {
            s.setString(1, name);
            s.setString(2, key);
            s.executeUpdate();
        }
        return true;
    }

    List<CounterRow> list(Connection c) throws SQLException {
        List<CounterRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, counter_value, updated_at FROM shared_counter ORDER BY name");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new CounterRow(r.getString(1), r.getLong(2), r.getTimestamp(3).toInstant()));
            }
        }
        return rows;
    }

    /** Deletes a counter and the keys of its updates; returns whether it existed. */
    boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_counter_update WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_counter WHERE name = ?")) {
            s.setString(1, name);
            return RowCount.atMostOne(s.executeUpdate(), "delete of shared_counter " + name);
        }
    }
}
