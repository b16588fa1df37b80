package io.mqpool.threads;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
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
}
