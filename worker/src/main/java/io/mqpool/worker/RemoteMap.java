package io.mqpool.worker;

import io.mqpool.broker.StateRequest;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedValues;
import java.util.Map;
import java.util.Optional;

/** A shared map seen from a task: each call is one request to the engine through {@link StateClient}. */
record RemoteMap(StateClient client, String name) implements SharedMap {

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String json = client.call(request(Op.MAP_GET, key, null)).json();
        return json == null ? Optional.empty() : Optional.ofNullable(SharedValues.decode(name, json, type));
    }

    @Override
    public void put(String key, Object value) {
        client.call(request(Op.MAP_PUT, key, SharedValues.encode(name, value)));
    }

    @Override
    public boolean putIfAbsent(String key, Object value) {
        return client.call(request(Op.MAP_PUT_IF_ABSENT, key, SharedValues.encode(name, value))).changed();
    }

    @Override
    public boolean remove(String key) {
        return client.call(request(Op.MAP_REMOVE, key, null)).changed();
    }

    @Override
    public Map<String, Object> snapshot() {
        return SharedValues.decodeObject(name, client.call(StateRequest.collection(Op.MAP_SNAPSHOT, name, null, 0, null))
                .json());
    }

    private StateRequest request(Op op, String key, String json) {
        return StateRequest.collection(op, name, SharedNames.checkKey(name, key), 0, json);
    }
}
