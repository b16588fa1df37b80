package io.mqpool.worker;

import io.mqpool.broker.StateRequest;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedNames;

/** A shared array seen from a task: each call is one request to the engine through {@link StateClient}. */
record RemoteArray(StateClient client, String name, int size) implements SharedArray {

    @Override
    public long get(int index) {
        return client.call(request(Op.ARRAY_GET, index, 0)).value();
    }

    @Override
    public void set(int index, long value) {
        client.call(request(Op.ARRAY_SET, index, value));
    }

    @Override
    public long addAndGet(int index, long delta) {
        return client.call(request(Op.ARRAY_ADD, index, delta)).value();
    }

    @Override
    public long[] snapshot() {
        return client.call(new StateRequest(Op.ARRAY_SNAPSHOT, name, 0, 0, size)).values();
    }

    private StateRequest request(Op op, int index, long value) {
        return new StateRequest(op, name, value, SharedNames.checkIndex(name, size, index), size);
    }
}
