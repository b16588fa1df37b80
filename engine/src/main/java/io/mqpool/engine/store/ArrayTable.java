package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The SQL of the {@code shared_array} and {@code shared_array_item} tables. */
final class ArrayTable {

    OptionalInt size(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT array_size FROM shared_array WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    void create(Connection c, String name, int size, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_array (name, array_size, updated_at) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setInt(2, size);
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    long get(Connection c, String name, int index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT item_value FROM shared_array_item WHERE name = ? AND item_index = ?")) {
            s.setString(1, name);
            s.setInt(2, index);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    void put(Connection c, String name, int index, long value, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE shared_array_item SET item_value = ? WHERE name = ? AND item_index = ?")) {
            s.setLong(1, value);
            s.setString(2, name);
            s.setInt(3, index);
            if (!RowCount.atMostOne(s.executeUpdate(), "update of shared_array_item " + name + "[" + index + "]")) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO shared_array_item (name, item_index, item_value) VALUES (?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setInt(2, index);
                    insert.setLong(3, value);
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE shared_array SET updated_at = ? WHERE name = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, name);
            RowCount.exactlyOne(s.executeUpdate(), "update of shared_array " + name);
        }
    }

    long[] snapshot(Connection c, String name, int size) throws SQLException {
        long[] values = new long[size];
        try (PreparedStatement s = c.prepareStatement(
                "SELECT item_index, item_value FROM shared_array_item WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values[r.getInt(1)] = r.getLong(2);
                }
            }
        }
        return values;
    }

    /** Every array by name, with its size and last change. */
    List<ArrayRow> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, array_size, updated_at FROM shared_array ORDER BY name");
             ResultSet r = s.executeQuery()) {
            List<ArrayRow> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new ArrayRow(r.getString(1), r.getInt(2), r.getTimestamp(3).toInstant()));
            }
            return rows;
        }
    }

    boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_array_item WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_array WHERE name = ?")) {
            s.setString(1, name);
            return RowCount.atMostOne(s.executeUpdate(), "delete of shared_array " + name);
        }
    }
}
