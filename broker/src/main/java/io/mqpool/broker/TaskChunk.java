package io.mqpool.broker;

import java.util.Objects;

/**
 * One chunk of a job's tasks on its way to a worker: consecutive tasks
 * {@code firstIndex .. firstIndex + size - 1} of job {@code jobId}, run by one worker in one
 * transaction.
 *
 * @param argsJson a JSON array with one argument per task, in input order
 * @param taskTimeoutMillis how long one task may run, 0 for no limit
 * @param attempt 0 when first sent; the engine counts up each time it sends the chunk again
 *     after the worker holding it died
 * @param settledJson a JSON object from absolute task index (as a string) to a failure, as
 *     {@link io.mqpool.outcome.OutcomeCodec#encodeSettled} writes it: tasks out of retries, which the worker answers
 *     with that error instead of running them; {@code {}} for none
 */
public record TaskChunk(String jobId, int chunkNo, long firstIndex, int size, String taskName,
                        String argsJson, long taskTimeoutMillis, int attempt, String settledJson) {

    public TaskChunk {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(settledJson, "settledJson");
        if (chunkNo < 0 || firstIndex < 0 || size < 1 || taskTimeoutMillis < 0 || attempt < 0) {
            throw new IllegalArgumentException("invalid chunk " + jobId + ":" + chunkNo + " (first "
                    + firstIndex + ", size " + size + ", timeout " + taskTimeoutMillis + " ms)");
        }
    }

    /** A chunk as first sent: attempt 0, nothing settled. */
    public TaskChunk(String jobId, int chunkNo, long firstIndex, int size, String taskName,
                     String argsJson, long taskTimeoutMillis) {
        this(jobId, chunkNo, firstIndex, size, taskName, argsJson, taskTimeoutMillis, 0, "{}");
    }

    /** The same chunk for its next attempt, with these tasks settled. */
    public TaskChunk nextAttempt(String newSettledJson) {
        return new TaskChunk(jobId, chunkNo, firstIndex, size, taskName, argsJson, taskTimeoutMillis,
                attempt + 1, newSettledJson);
    }

    /**
     * The broker's duplicate-detection id: a chunk sent twice is kept once, while each new
     * attempt after a worker died is a new message.
     */
    public String duplicateId() {
        return attempt == 0 ? jobId + ":" + chunkNo : jobId + ":" + chunkNo + ":" + attempt;
    }
}
