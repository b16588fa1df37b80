package io.mqpool.engine.state;

import io.mqpool.engine.store.SharedArrays;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedStateException;
import java.util.function.Supplier;

/** A shared array seen from the engine's own JVM: each call is one transaction on the store. */
record LocalArray(SharedArrays arrays, String name, int size) implements SharedArray {

    @Override
    public long get(int index) {
        SharedNames.checkIndex(name, size, index);
        return refusedAsStateException(() -> arrays.get(name, size, index));
    }

    @Override
    public void set(int index, long value) {
        SharedNames.checkIndex(name, size, index);
        refusedAsStateException(() -> arrays.set(name, size, index, value));
    }

    @Override
    public long addAndGet(int index, long delta) {
        SharedNames.checkIndex(name, size, index);
        try {
            return refusedAsStateException(() -> arrays.add(name, size, index, delta));
        } catch (ArithmeticException e) {
            throw new SharedStateException(SharedArrays.overflow(name, index, delta), e);
        }
    }

    @Override
    public long[] snapshot() {
        return refusedAsStateException(() -> arrays.snapshot(name, size));
    }

    /** The store refuses another size than the array's; the caller sees that as a SharedStateException. */
    private <T> T refusedAsStateException(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new SharedStateException(e.getMessage(), e);
        }
    }
}
