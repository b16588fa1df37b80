package io.mqpool.engine.store;

import java.util.Arrays;
import java.util.List;

/**
 * Counts task durations into buckets by upper bound: a duration {@code d} counts in the first
 * bucket whose bound is at least {@code d}, or in the last count (one more than there are
 * bounds) if it is longer than every bound. Not thread-safe.
 */
public final class DurationHistogram {

    /** The bounds the stats endpoints use, in milliseconds. */
    public static final List<Long> DEFAULT_BOUNDS_MS = List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L,
            1_000L, 2_000L, 5_000L, 10_000L, 30_000L, 60_000L, 300_000L);

    private final long[] bounds;
    private final long[] counts;

    /** @param boundsMs ascending upper bounds */
    public DurationHistogram(List<Long> boundsMs) {
        this.bounds = boundsMs.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend: " + boundsMs);
            }
        }
        this.counts = new long[bounds.length + 1];
    }

    /** Counts {@code tasks} tasks of {@code durationMs} each. */
    public void add(long durationMs, long tasks) {
        int at = Arrays.binarySearch(bounds, durationMs);
        counts[at >= 0 ? at : -at - 1] += tasks;
    }

    /**
     * A chunk of {@code size} tasks that ran from {@code startedMs} to {@code finishedMs}: each
     * of its tasks counts with the chunk's mean duration (the worker times chunks, not tasks).
     */
    public void addChunk(long startedMs, long finishedMs, int size) {
        add(Math.round(Math.max(0, finishedMs - startedMs) / (double) size), size);
    }

    /** One count per bound, then the count of durations longer than every bound. */
    public List<Long> counts() {
        return Arrays.stream(counts).boxed().toList();
    }
}
