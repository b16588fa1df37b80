package io.mqpool.worker;

import io.mqpool.broker.StateRequest;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedValues;
import java.util.List;

/** A shared list seen from a task: each call is one request to the engine through {@link StateClient}. */
record RemoteList(StateClient client, String name) implements SharedList {

    @Override
    public long append(Object item) {
        return client.call(StateRequest.collection(Op.LIST_APPEND, name, null, 0, SharedValues.encode(name, item)))
                .value();
    }

    @Override
    public <T> T get(long index, Class<T> type) {
        int position = index < 0 || index > Integer.MAX_VALUE ? -1 : (int) index;
        return SharedValues.decode(name, client.call(StateRequest.collection(Op.LIST_GET, name, null, position, null))
                .json(), type);
    }

    @Override
    public long size() {
        return client.call(StateRequest.collection(Op.LIST_SIZE, name, null, 0, null)).value();
    }

    @Override
    public List<Object> snapshot() {
        return SharedValues.decodeArray(name, client.call(StateRequest.collection(Op.LIST_SNAPSHOT, name, null, 0, null))
                .json());
    }
}
