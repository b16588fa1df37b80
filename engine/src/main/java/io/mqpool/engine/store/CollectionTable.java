package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the {@code shared_map_entry} and {@code shared_list_item} tables. */
final class CollectionTable {

    Optional<String> mapGet(Connection c, String name, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT entry_value FROM shared_map_entry WHERE name = ? AND entry_key = ?")) {
            s.setString(1, name);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Replaces the entry's value; false if there was no entry. */
    boolean mapReplace(Connection c, String name, String key, String json, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE shared_map_entry SET entry_value = ?, updated_at = ? WHERE name = ? AND entry_key = ?")) {
            s.setString(1, json);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, name);
            s.setString(4, key);
            return RowCount.atMostOne(s.executeUpdate(), "update of shared_map_entry " + name + "[" + key + "]");
        }
    }

    void mapInsert(Connection c, String name, String key, String json, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_map_entry (name, entry_key, entry_value, updated_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, key);
            s.setString(3, json);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    boolean mapRemove(Connection c, String name, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_map_entry WHERE name = ? AND entry_key = ?")) {
            s.setString(1, name);
            s.setString(2, key);
            return RowCount.atMostOne(s.executeUpdate(), "delete of shared_map_entry " + name + "[" + key + "]");
        }
    }

    /** The entries by key, in key order, each value as its JSON text. */
    Map<String, String> mapEntries(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT entry_key, entry_value FROM shared_map_entry WHERE name = ? ORDER BY entry_key")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                Map<String, String> entries = new LinkedHashMap<>();
                while (r.next()) {
                    entries.put(r.getString(1), r.getString(2));
                }
                return entries;
            }
        }
    }

    int listSize(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM shared_list_item WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    void listInsert(Connection c, String name, int position, String json, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO shared_list_item (name, position, item_value, added_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, name);
            s.setInt(2, position);
            s.setString(3, json);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    Optional<String> listGet(Connection c, String name, int position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT item_value FROM shared_list_item WHERE name = ? AND position = ?")) {
            s.setString(1, name);
            s.setInt(2, position);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    List<String> listItems(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT item_value FROM shared_list_item WHERE name = ? ORDER BY position")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                List<String> items = new ArrayList<>();
                while (r.next()) {
                    items.add(r.getString(1));
                }
                return items;
            }
        }
    }

    /** Each map's name with its number of entries, by name. */
    Map<String, Integer> mapNames(Connection c) throws SQLException {
        return counts(c, "SELECT name, COUNT(*) FROM shared_map_entry GROUP BY name ORDER BY name");
    }

    /** Each list's name with its number of items, by name. */
    Map<String, Integer> listNames(Connection c) throws SQLException {
        return counts(c, "SELECT name, COUNT(*) FROM shared_list_item GROUP BY name ORDER BY name");
    }

    int deleteMap(Connection c, String name) throws SQLException {
        return delete(c, "DELETE FROM shared_map_entry WHERE name = ?", name);
    }

    int deleteList(Connection c, String name) throws SQLException {
        return delete(c, "DELETE FROM shared_list_item WHERE name = ?", name);
    }

    private static Map<String, Integer> counts(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            while (r.next()) {
                counts.put(r.getString(1), r.getInt(2));
            }
            return counts;
        }
    }

    private static int delete(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            return s.executeUpdate();
        }
    }
}
