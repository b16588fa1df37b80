package io.mqpool.threads;

import java.time.Duration;
import java.util.Optional;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.TaskContext;

/**
 * What a task on a thread of a pool learns about where it runs, and its way to the pool's
 * shared state in memory.
 *
 * @param redeliveries how often the task ran before this run: past its task timeout, with the
 *     job's {@code retryTimeouts}
 * @param workerId the thread's id, {@code t3} for thread {@code mqpool-thread-3}
 */
public record ThreadTaskContext(String jobId, long taskIndex, int redeliveries, String workerId, MemoryState state)
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
        return state.lock(name);
    }

    @Override
    public Optional<SharedLock> tryLock(String name, Duration wait) {
        return state.tryLock(name, wait);
    }

    @Override
    public SharedSemaphore semaphore(String name, int permits) {
        return state.semaphore(name, permits);
    }
}
