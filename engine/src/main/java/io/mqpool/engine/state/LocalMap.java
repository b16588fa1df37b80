package io.mqpool.engine.state;

import io.mqpool.engine.store.SharedCollections;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A shared map seen from the caller: the same rows the tasks reach through the broker, read and written directly. */
record LocalMap(SharedCollections store, String name) implements SharedMap {

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return store.get(name, SharedNames.checkKey(name, key)).map(json -> SharedValues.decode(name, json, type));
    }

    @Override
    public void put(String key, Object value) {
        store.put(name, SharedNames.checkKey(name, key), SharedValues.encode(name, value));
    }

    @Override
    public boolean putIfAbsent(String key, Object value) {
        return store.putIfAbsent(name, SharedNames.checkKey(name, key), SharedValues.encode(name, value));
    }

    @Override
    public boolean remove(String key) {
        return store.remove(name, SharedNames.checkKey(name, key));
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> values = new LinkedHashMap<>();
        store.entries(name).forEach((key, json) -> values.put(key, SharedValues.decode(name, json, Object.class)));
        return values;
    }
}
