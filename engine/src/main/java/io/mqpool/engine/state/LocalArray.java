package io.mqpool.engine.state;

import io.mqpool.engine.store.SharedArrays;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedStateException;
import java.util.function.LongSupplier;

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
        return refusedAsStateException(() -> arrays.add(name, size, index, delta));
    }

    @Override
    public long[] snapshot() {
        try {
            return arrays.snapshot(name, size);
        } catch (IllegalArgumentException e) {
            throw new SharedStateException(e.getMessage(), e);
        }
    }

    /** The store refuses another size than the array's, and an overflow; the caller sees either as a SharedStateException. */
    private long refusedAsStateException(LongSupplier call) {
        try {
            return call.getAsLong();
        } catch (IllegalArgumentException e) {
            throw new SharedStateException(e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new SharedStateException("adding to an element of the shared array '" + name
                    + "' overflows a long", e);
        }
    }
}
