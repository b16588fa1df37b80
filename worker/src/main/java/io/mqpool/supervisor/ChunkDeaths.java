package io.mqpool.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last deaths of workers that were running a chunk, one per chunk (the latest), the oldest
 * forgotten beyond a capacity: a supervisor's own, or those reported by supervisors on other
 * hosts. Thread-safe; reads take no lock.
 */
public final class ChunkDeaths {

    private record Key(String jobId, int chunkNo) {
    }

    private final int capacity;
    private final Map<Key, ChunkDeath> byChunk = new ConcurrentHashMap<>();
    /** Keys from the least to the most recently recorded; guarded by {@code this}. */
    private final Deque<Key> order = new ArrayDeque<>();
    private final List<Consumer<ChunkDeath>> listeners = new CopyOnWriteArrayList<>();

    public ChunkDeaths(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code death} as its chunk's latest, then tells the listeners on this thread. */
    public void record(ChunkDeath death) {
        synchronized (this) {
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
        listeners.forEach(listener -> listener.accept(death));
    }

    /** Calls {@code listener} with every death recorded from now on; it must not block. */
    public void onRecord(Consumer<ChunkDeath> listener) {
        listeners.add(listener);
    }

    public Optional<ChunkDeath> of(String jobId, int chunkNo) {
        return Optional.ofNullable(byChunk.get(new Key(jobId, chunkNo)));
    }
}
