package io.mqpool.worker;

import java.time.Duration;
import java.util.Optional;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.TaskContext;

/** What one task of a chunk learns about where it runs, and its way to the shared state. */
record ChunkContext(String jobId, long taskIndex, int redeliveries, String workerId, StateClient state)
        implements TaskContext {

    @Override
    public SharedCounter counter(String name) {
        return state.counter(name);
    }

    @Override
    public SharedArray array(String name, int size) {
        return state.array(name, size);
    }

    @Override
    public SharedMap map(String name) {
        return state.map(name);
    }

    @Override
    public SharedList list(String name) {
        return state.list(name);
    }

    @Override
    public SharedLock lock(String name) {
        return state.holds().lock(name);
    }

    @Override
    public Optional<SharedLock> tryLock(String name, Duration wait) {
        return state.holds().tryLock(name, wait);
    }

    @Override
    public SharedSemaphore semaphore(String name, int permits) {
        return state.holds().semaphore(name, permits);
    }
}
