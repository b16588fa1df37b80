package io.mqpool.engine.state;

import io.mqpool.engine.store.CounterRow;
import io.mqpool.engine.store.SharedArrays;
import io.mqpool.engine.store.SharedCounters;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedNames;
import java.util.List;
import java.util.Optional;

/**
 * The engine's shared state as its caller and the HTTP API see it: the same counters and
 * arrays the tasks reach through the broker, read and written here directly in the store.
 */
public final class SharedState {

    private final SharedCounters counters;
    private final SharedArrays arrays;

    public SharedState(SharedCounters counters, SharedArrays arrays) {
        this.counters = counters;
        this.arrays = arrays;
    }

    /**
     * The array of this name and size, created with every element 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the size is not 1 to 100,000
     */
    public SharedArray array(String name, int size) {
        SharedNames.check(name);
        return new LocalArray(arrays, name, SharedNames.checkSize(name, size));
    }

    /**
     * The counter of this name, created at 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedCounter counter(String name) {
        return new LocalCounter(counters, SharedNames.check(name));
    }

    /** Every counter that was written, by name. */
    public List<CounterValue> list() {
        return counters.list().stream().map(SharedState::value).toList();
    }

    /** The counter of this name, if it was ever written. */
    public Optional<CounterValue> find(String name) {
        return counters.find(name).map(SharedState::value);
    }

    /** Deletes a counter: it reads 0 again, and its keyed updates are forgotten. False if there was none. */
    public boolean delete(String name) {
        return counters.delete(name);
    }

    private static CounterValue value(CounterRow row) {
        return new CounterValue(row.name(), row.value(), row.updatedAt());
    }
}
