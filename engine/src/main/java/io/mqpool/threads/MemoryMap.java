package io.mqpool.threads;

import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A shared map of a pool of threads, in memory. Values are kept as JSON text, as in the store,
 * so that a task changing an object after it put it changes nothing shared, and a value that
 * could not cross to a worker process is refused here too.
 */
final class MemoryMap implements SharedMap {

    private final String name;
    private final ConcurrentSkipListMap<String, String> entries = new ConcurrentSkipListMap<>();

    MemoryMap(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String json = entries.get(SharedNames.checkKey(name, key));
        return json == null ? Optional.empty() : Optional.ofNullable(SharedValues.decode(name, json, type));
    }

    @Override
    public void put(String key, Object value) {
        entries.put(SharedNames.checkKey(name, key), SharedValues.encode(name, value));
    }

    @Override
    public boolean putIfAbsent(String key, Object value) {
        return entries.putIfAbsent(SharedNames.checkKey(name, key), SharedValues.encode(name, value)) == null;
    }

    @Override
    public boolean remove(String key) {
        return entries.remove(SharedNames.checkKey(name, key)) != null;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((key, json) -> values.put(key, SharedValues.decode(name, json, Object.class)));
        return values;
    }
}
