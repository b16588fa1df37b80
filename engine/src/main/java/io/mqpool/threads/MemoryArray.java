package io.mqpool.threads;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedRefusals;
import io.mqpool.jobs.SharedStateException;

/**
 * A shared array in memory. Every call holds the array's lock, so that {@link #snapshot()} is
 * one step, as a read of the store is; an uncontended lock costs a few nanoseconds.
 */
final class MemoryArray implements SharedArray {

    private final String name;
    /** Guarded by this. */
    private final long[] elements;

    MemoryArray(String name, int size) {
        this.name = name;
        this.elements = new long[size];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public synchronized long get(int index) {
        return elements[SharedNames.checkIndex(name, elements.length, index)];
    }

    @Override
    public synchronized void set(int index, long value) {
        elements[SharedNames.checkIndex(name, elements.length, index)] = value;
    }

    @Override
    public synchronized long addAndGet(int index, long delta) {
        SharedNames.checkIndex(name, elements.length, index);
        try {
            elements[index] = Math.addExact(elements[index], delta);
        } catch (ArithmeticException e) {
            throw new SharedStateException(SharedRefusals.elementOverflow(name, index, delta), e);
        }
        return elements[index];
    }

    @Override
    public synchronized long[] snapshot() {
        return elements.clone();
    }

    @Override
    public String toString() {
        return "array '" + name + "' of " + elements.length;
    }
}
