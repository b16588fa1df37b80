package io.mqpool.engine.state;

import io.mqpool.engine.store.SharedCollections;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedStateException;
import io.mqpool.jobs.SharedValues;
import java.util.List;

/** A shared list seen from the caller: the same rows the tasks reach through the broker, read and written directly. */
record LocalList(SharedCollections store, String name) implements SharedList {

    @Override
    public long append(Object item) {
        try {
            return store.append(name, SharedValues.encode(name, item));
        } catch (IllegalArgumentException e) {
            throw new SharedStateException(e.getMessage());
        }
    }

    @Override
    public <T> T get(long index, Class<T> type) {
        try {
            return SharedValues.decode(name, store.item(name, index < 0 || index > Integer.MAX_VALUE ? -1 : (int) index),
                    type);
        } catch (IndexOutOfBoundsException e) {
            throw new SharedStateException(e.getMessage());
        }
    }

    @Override
    public long size() {
        return store.size(name);
    }

    @Override
    public List<Object> snapshot() {
        return store.items(name).stream().map(json -> SharedValues.decode(name, json, Object.class)).toList();
    }
}
