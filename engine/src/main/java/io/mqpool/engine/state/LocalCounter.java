package io.mqpool.engine.state;

import io.mqpool.engine.store.SharedCounters;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedStateException;
import java.util.Objects;

/** A shared counter seen from the engine's own JVM: each call is one transaction on the store. */
record LocalCounter(SharedCounters counters, String name) implements SharedCounter {

    @Override
    public long get() {
        return counters.get(name).value();
    }

    @Override
    public void set(long value) {
        counters.set(name, value);
    }

    @Override
    public long addAndGet(long delta) {
        try {
            return counters.add(name, delta).value();
        } catch (ArithmeticException e) {
            throw new SharedStateException(SharedState.overflow(name, delta), e);
        }
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return counters.compareAndSet(name, expected, update).changed();
    }

    @Override
    public long addOnce(String key, long delta) {
        Objects.requireNonNull(key, "key");
        try {
            return counters.addOnce(name, key, delta).value();
        } catch (ArithmeticException e) {
            throw new SharedStateException(SharedState.overflow(name, delta), e);
        }
    }
}
