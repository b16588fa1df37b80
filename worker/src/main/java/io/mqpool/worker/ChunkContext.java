package io.mqpool.worker;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
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
}
