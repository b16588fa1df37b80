package io.mqpool.threads;

import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedStateException;
import io.mqpool.jobs.SharedValues;
import java.util.ArrayList;
import java.util.List;

/** A shared list of a pool of threads, in memory, its items kept as JSON text as in the store. */
final class MemoryList implements SharedList {

    private final String name;
    private final List<String> items = new ArrayList<>();

    MemoryList(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long append(Object item) {
        String json = SharedValues.encode(name, item);
        synchronized (items) {
            items.add(json);
            return items.size();
        }
    }

    @Override
    public <T> T get(long index, Class<T> type) {
        String json;
        synchronized (items) {
            if (index < 0 || index >= items.size()) {
                throw new SharedStateException("index " + index + " is outside the shared list '" + name + "' of size "
                        + items.size());
            }
            json = items.get((int) index);
        }
        return SharedValues.decode(name, json, type);
    }

    @Override
    public long size() {
        synchronized (items) {
            return items.size();
        }
    }

    @Override
    public List<Object> snapshot() {
        List<String> copy;
        synchronized (items) {
            copy = List.copyOf(items);
        }
        return copy.stream().map(json -> SharedValues.decode(name, json, Object.class)).toList();
    }
}
