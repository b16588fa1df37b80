package io.mqpool.threads;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedRefusals;
import io.mqpool.jobs.SharedStateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The shared state of a pool of threads, in this JVM's memory (counters, arrays, maps, lists,
 * locks and semaphores): the same objects for its tasks
 * ({@code ctx.counter(name)}) and its caller ({@code pool.counter(name)}), gone with the pool.
 * Names and sizes follow the rules of the engine's store ({@link SharedNames}), and refusals
 * read the same ({@link SharedRefusals}). Each kind has a map of its own, as each has a table
 * of its own in the store: a counter and an array may share a name. Thread-safe.
 */
public final class MemoryState {

    private final ConcurrentMap<String, MemoryCounter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryArray> arrays = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryMap> maps = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MemoryList> lists = new ConcurrentHashMap<>();
    private final MemoryLocks locks = new MemoryLocks();

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

    /**
     * The map of this name, empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedMap map(String name) {
        return maps.computeIfAbsent(SharedNames.check(name), MemoryMap::new);
    }

    /**
     * The list of this name, empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedList list(String name) {
        return lists.computeIfAbsent(SharedNames.check(name), MemoryList::new);
    }

    /** Blocks until the current thread holds the lock of this name; see {@code TaskContext.lock}. */
    public SharedLock lock(String name) {
        return locks.lock(name);
    }

    /** Takes the lock of this name if it comes free within {@code wait}. */
    public Optional<SharedLock> tryLock(String name, Duration wait) {
        return locks.tryLock(name, wait);
    }

    /** The semaphore of this name with {@code permits} permits. */
    public SharedSemaphore semaphore(String name, int permits) {
        return locks.semaphore(name, permits);
    }

    /** Releases what the current thread's task left held when it ended. */
    public void releaseLeftovers() {
        locks.releaseLeftovers();
    }
}
