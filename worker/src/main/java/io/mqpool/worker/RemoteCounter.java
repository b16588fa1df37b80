package io.mqpool.worker;

import io.mqpool.broker.StateRequest;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.jobs.SharedCounter;
import java.util.Objects;

/** A shared counter seen from a task: each call is one request to the engine through {@link StateClient}. */
record RemoteCounter(StateClient client, String name) implements SharedCounter {

    @Override
    public long get() {
        return client.call(new StateRequest(Op.GET, name, 0, 0, null)).value();
    }

    @Override
    public void set(long value) {
        client.call(new StateRequest(Op.SET, name, value, 0, null));
    }

    @Override
    public long addAndGet(long delta) {
        return client.call(new StateRequest(Op.ADD, name, delta, 0, null)).value();
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return client.call(new StateRequest(Op.CAS, name, update, expected, null)).changed();
    }

    @Override
    public long addOnce(String key, long delta) {
        Objects.requireNonNull(key, "key");
        return client.call(new StateRequest(Op.ADD_ONCE, name, delta, 0, key)).value();
    }
}
