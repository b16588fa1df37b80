package io.mqpool.threads;

import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedRefusals;
import io.mqpool.jobs.SharedStateException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared counter in memory. Updates are lock-free; a sum that overflows a long is refused and
 * changes nothing, as in the store. Keyed updates take a lock, so that a second update with a
 * key waits for the first and reads the value after it.
 */
final class MemoryCounter implements SharedCounter {

    private final String name;
    private final AtomicLong value = new AtomicLong();
    /** Guarded by itself. */
    private final Set<String> keys = new HashSet<>();

    MemoryCounter(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long get() {
        return value.get();
    }

    @Override
    public void set(long newValue) {
        value.set(newValue);
    }

    @Override
    public long addAndGet(long delta) {
        while (true) {
            long current = value.get();
            long next;
            try {
                next = Math.addExact(current, delta);
            } catch (ArithmeticException e) {
                throw new SharedStateException(SharedRefusals.counterOverflow(name, delta), e);
            }
            if (value.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return value.compareAndSet(expected, update);
    }

    @Override
    public long addOnce(String key, long delta) {
        Objects.requireNonNull(key, "key");
        synchronized (keys) {
            // Remembered only once the add went through: a refused add may be tried again.
            if (keys.contains(key)) {
                return value.get();
            }
            long after = addAndGet(delta);
            keys.add(key);
            return after;
        }
    }

    @Override
    public String toString() {
        return "counter '" + name + "' = " + value.get();
    }
}
