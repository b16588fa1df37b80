package io.mqpool.worker;

import io.mqpool.jobs.TaskContext;

/** What one task of a chunk learns about where it runs. */
record ChunkContext(String jobId, long taskIndex, int redeliveries, String workerId)
        implements TaskContext {
}
