package io.mqpool.threads;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedRefusals;
import io.mqpool.jobs.SharedStateException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The shared state of a pool of threads, in this JVM's memory: the same objects for its tasks
 * ({@code ctx.counter(name)}) and its caller ({@code pool.counter(name)}), gone with the pool.
 * Names and sizes follow the rules of the engine's store ({@link SharedNames}), and refusals
 * read the same ({@link SharedRefusals}). Each kind has a map of its own, as each has a table
 * of its own in the store: a counter and an array may share a name. Thread-safe.
 */
public final class MemoryState {

    private final ConcurrentMap<String, MemoryCounter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryArray> arrays = new ConcurrentHashMap<>();

    /**
     * The counter of this name, created at 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedCounter counter(String name) {
        return counters.computeIfAbsent(SharedNames.check(name), MemoryCounter::new);
    }

    /**
     * The array of this name and size, created with every element 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the size is not 1 to 100,000
     * @throws SharedStateException when the array exists with another size
     */
    public SharedArray array(String name, int size) {
        SharedNames.checkSize(SharedNames.check(name), size);
        MemoryArray array = arrays.computeIfAbsent(name, created -> new MemoryArray(created, size));
        if (array.size() != size) {
            throw new SharedStateException(SharedRefusals.otherSize(name, array.size(), size));
        }
        return array;
    }
}
