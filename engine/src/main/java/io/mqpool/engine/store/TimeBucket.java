package io.mqpool.engine.store;

/**
 * Tasks finished in one interval of time.
 *
 * @param startMillis where the interval starts (epoch ms, a multiple of its length)
 */
public record TimeBucket(long startMillis, long tasks) {
}
