package io.mqpool.broker;

import java.util.Objects;

/**
 * The outcomes of one {@link TaskChunk}, sent by the worker in the same transaction that
 * consumed the chunk.
 *
 * @param failures how many of the {@code size} outcomes are errors
 * @param outcomesJson a JSON array with one element per task, in index order: either
 *     {@code {"value": <result>}} or {@code {"error": {"type": "...", "message": "...",
 *     "stack": "..."}}}
 * @param startedAtMillis when the worker started the chunk (epoch ms); 0 if unknown
 * @param finishedAtMillis when it finished it (epoch ms); 0 if unknown
 */
public record ChunkResult(String jobId, int chunkNo, long firstIndex, int size, int failures,
                          String workerId, String outcomesJson, long startedAtMillis, long finishedAtMillis) {

    /** A result without times: answered by someone other than a worker running it. */
    public ChunkResult(String jobId, int chunkNo, long firstIndex, int size, int failures, String workerId,
                       String outcomesJson) {
        this(jobId, chunkNo, firstIndex, size, failures, workerId, outcomesJson, 0, 0);
    }

    public ChunkResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(outcomesJson, "outcomesJson");
        if (chunkNo < 0 || firstIndex < 0 || size < 1 || failures < 0 || failures > size) {
            throw new IllegalArgumentException("invalid result " + jobId + ":" + chunkNo + " (first "
                    + firstIndex + ", size " + size + ", failures " + failures + ")");
        }
        if (startedAtMillis < 0 || finishedAtMillis < 0) {
            throw new IllegalArgumentException("invalid times of result " + jobId + ":" + chunkNo);
        }
    }

    /** This result, run from {@code startedAtMillis} to {@code finishedAtMillis}. */
    public ChunkResult withTimes(long startedAtMillis, long finishedAtMillis) {
        return new ChunkResult(jobId, chunkNo, firstIndex, size, failures, workerId, outcomesJson, startedAtMillis,
                finishedAtMillis);
    }
}
