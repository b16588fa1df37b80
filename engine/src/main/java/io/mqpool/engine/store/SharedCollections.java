package io.mqpool.engine.store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared maps and lists in H2, one transaction per call. Values travel and rest as JSON
 * text: the store neither reads nor checks it, the two ends do. Appends are numbered here, one
 * at a time, so that every append from every worker gets its own place.
 */
public final class SharedCollections {

    /** The most items a shared list may have. */
    public static final int MAX_LIST_SIZE = 1_000_000;

    private final Database database;
    private final Clock clock;
    private final CollectionTable table = new CollectionTable();

    SharedCollections(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<String> get(String map, String key) {
        return database.read("read shared map " + map, c -> table.mapGet(c, map, key));
    }

    public synchronized void put(String map, String key, String json) {
        database.inTransaction("put into shared map " + map, c -> {
            if (!table.mapReplace(c, map, key, json, clock.instant())) {
                table.mapInsert(c, map, key, json, clock.instant());
            }
            return null;
        });
    }

    /** Puts unless the key has a value; returns whether it did. */
    public synchronized boolean putIfAbsent(String map, String key, String json) {
        return database.inTransaction("put into shared map " + map, c -> {
            if (table.mapGet(c, map, key).isPresent()) {
                return false;
            }
            table.mapInsert(c, map, key, json, clock.instant());
            return true;
        });
    }

    public synchronized boolean remove(String map, String key) {
        return database.inTransaction("remove from shared map " + map, c -> table.mapRemove(c, map, key));
    }

    /** Every entry of {@code map} by key, in key order, each value as JSON text. */
    public Map<String, String> entries(String map) {
        return database.read("read shared map " + map, c -> table.mapEntries(c, map));
    }

    /**
     * Appends {@code json} to {@code list}; returns its size after it.
     *
     * @throws IllegalArgumentException when the list is full
     */
    public synchronized int append(String list, String json) {
        return database.inTransaction("append to shared list " + list, c -> {
            int size = table.listSize(c, list);
            if (size >= MAX_LIST_SIZE) {
                throw new IllegalArgumentException("the shared list '" + list + "' is full: it holds at most "
                        + MAX_LIST_SIZE + " items");
            }
            table.listInsert(c, list, size, json, clock.instant());
            return size + 1;
        });
    }

    /**
     * The item at {@code index} of {@code list}, as JSON text.
     *
     * @throws IndexOutOfBoundsException when the index is outside the list
     */
    public String item(String list, int index) {
        return database.read("read shared list " + list, c -> {
            var item = table.listGet(c, list, index);
            if (item.isEmpty()) {
                throw new IndexOutOfBoundsException("index " + index + " is outside the shared list '" + list
                        + "' of size " + table.listSize(c, list));
            }
            return item.get();
        });
    }

    public int size(String list) {
        return database.read("read shared list " + list, c -> table.listSize(c, list));
    }

    /** Every item of {@code list} in order, as JSON text. */
    public List<String> items(String list) {
        return database.read("read shared list " + list, c -> table.listItems(c, list));
    }

    /** Each map that has entries, with how many, by name. */
    public Map<String, Integer> maps() {
        return database.read("list shared maps", table::mapNames);
    }

    /** Each list that has items, with how many, by name. */
    public Map<String, Integer> lists() {
        return database.read("list shared lists", table::listNames);
    }

    /** Empties a map; returns how many entries it had. */
    public synchronized int deleteMap(String map) {
        return database.inTransaction("delete shared map " + map, c -> table.deleteMap(c, map));
    }

    /** Empties a list; returns how many items it had. */
    public synchronized int deleteList(String list) {
        return database.inTransaction("delete shared list " + list, c -> table.deleteList(c, list));
    }
}
