package io.mqpool.engine.monitor;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code maxAge}, so that scrapes close together (several
 * Prometheus servers, a dashboard) cost one store query or broker browse between them.
 * Thread-safe: one reader reads, others wait for it.
 */
final class Cached<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAtNanos;
    private boolean present;

    Cached(Duration maxAge, Supplier<T> read) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The value, read again if older than the maximum age. Blocks while it reads. */
    synchronized T get() {
        long now = System.nanoTime();
        if (!present || now - readAtNanos > maxAgeNanos) {
            value = read.get();
            readAtNanos = now;
            present = true;
        }
        return value;
    }
}
