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
 */
public record ChunkResult(String jobId, int chunkNo, long firstIndex, int size, int failures,
                          String workerId, String outcomesJson) {

    public ChunkResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(outcomesJson, "outcomesJson");
        if (chunkNo < 0 || firstIndex < 0 || size < 1 || failures < 0 || failures > size) {
            throw new IllegalArgumentException("invalid result " + jobId + ":" + chunkNo + " (first "
                    + firstIndex + ", size " + size + ", failures " + failures + ")");
        }
    }
}
