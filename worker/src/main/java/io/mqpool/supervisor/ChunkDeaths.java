package io.mqpool.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last deaths of workers that were running a chunk, one per chunk (the latest), the oldest
 * forgotten beyond a capacity. Thread-safe; reads take no lock.
 */
final class ChunkDeaths {

    private record Key(String jobId, int chunkNo) {
    }

    private final int capacity;
    private final Map<Key, ChunkDeath> byChunk = new ConcurrentHashMap<>();
    /** Keys from the least to the most recently recorded; guarded by {@code this}. */
    private final Deque<Key> order = new ArrayDeque<>();

    ChunkDeaths(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void record(ChunkDeath death) {
        Key key = new Key(death.jobId(), death.chunkNo());
        if (byChunk.put(key, death) != null) {
            // Rare (a chunk whose workers keep dying): a linear scan of the keys is fine.
            order.remove(key);
        }
        order.addLast(key);
        while (order.size() > capacity) {
            byChunk.remove(order.removeFirst());
        }
    }

    Optional<ChunkDeath> of(String jobId, int chunkNo) {
        return Optional.ofNullable(byChunk.get(new Key(jobId, chunkNo)));
    }
}
