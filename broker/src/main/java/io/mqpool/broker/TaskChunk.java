package io.mqpool.broker;

import java.util.Objects;

/**
 * One chunk of a job's tasks on its way to a worker: consecutive tasks
 * {@code firstIndex .. firstIndex + size - 1} of job {@code jobId}, run by one worker in one
 * transaction.
 *
 * @param argsJson a JSON array with one argument per task, in input order
 * @param taskTimeoutMillis how long one task may run, 0 for no limit
 */
public record TaskChunk(String jobId, int chunkNo, long firstIndex, int size, String taskName,
                        String argsJson, long taskTimeoutMillis) {

    public TaskChunk {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(argsJson, "argsJson");
        if (chunkNo < 0 || firstIndex < 0 || size < 1 || taskTimeoutMillis < 0) {
            throw new IllegalArgumentException("invalid chunk " + jobId + ":" + chunkNo + " (first "
                    + firstIndex + ", size " + size + ", timeout " + taskTimeoutMillis + " ms)");
        }
    }

    /** The broker's duplicate-detection id: a chunk sent twice is kept once. */
    public String duplicateId() {
        return jobId + ":" + chunkNo;
    }
}
