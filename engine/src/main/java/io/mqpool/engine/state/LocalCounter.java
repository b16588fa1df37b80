package io.mqpool.engine.state;

import io.mqpool.engine.store.CounterOp;
import io.mqpool.engine.store.CounterOp.Kind;
import io.mqpool.engine.store.CounterUpdate;
import io.mqpool.engine.store.SharedCounters;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedStateException;
import java.util.Objects;

/** A shared counter seen from the engine's own JVM: each call is one transaction on the store. */
record LocalCounter(SharedCounters counters, String name) implements SharedCounter {

    @Override
    public long get() {
        return apply(Kind.GET, 0, 0, null).value();
    }

    @Override
    public void set(long value) {
        apply(Kind.SET, value, 0, null);
    }

    @Override
    public long addAndGet(long delta) {
        return apply(Kind.ADD, delta, 0, null).value();
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return apply(Kind.CAS, update, expected, null).changed();
    }

    @Override
    public long addOnce(String key, long delta) {
        return apply(Kind.ADD_ONCE, delta, 0, Objects.requireNonNull(key, "key")).value();
    }

    private CounterUpdate apply(Kind kind, long value, long expected, String key) {
        CounterOp op = new CounterOp(kind, name, value, expected, key);
        try {
            return counters.apply(op);
        } catch (ArithmeticException e) {
            throw new SharedStateException(SharedCounters.overflow(op), e);
        }
    }
}
