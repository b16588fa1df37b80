package io.mqpool.broker;

import io.mqpool.outcome.EncodedOutcomes;
import java.util.Objects;

/**
 * The outcomes of one {@link TaskChunk}, sent by the worker in the same transaction that
 * consumed the chunk.
 *
 * @param outcomes one outcome per task, in index order, as {@link io.mqpool.outcome.OutcomeCodec}
 *     writes them
 * @param startedAtMillis when the worker started the chunk (epoch ms); 0 if unknown
 * @param finishedAtMillis when it finished it (epoch ms); 0 if unknown
 */
public record ChunkResult(String jobId, int chunkNo, long firstIndex, int size, String workerId,
                          EncodedOutcomes outcomes, long startedAtMillis, long finishedAtMillis) {

    /** A result without times: answered by someone other than a worker running it. */
    public ChunkResult(String jobId, int chunkNo, long firstIndex, int size, String workerId,
                       EncodedOutcomes outcomes) {
        this(jobId, chunkNo, firstIndex, size, workerId, outcomes, 0, 0);
    }

    public ChunkResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(outcomes, "outcomes");
        if (chunkNo < 0 || firstIndex < 0 || size < 1 || outcomes.failures() > size) {
            throw new IllegalArgumentException("invalid result " + jobId + ":" + chunkNo + " (first "
                    + firstIndex + ", size " + size + ", failures " + outcomes.failures() + ")");
        }
        if (startedAtMillis < 0 || finishedAtMillis < 0) {
            throw new IllegalArgumentException("invalid times of result " + jobId + ":" + chunkNo);
        }
    }

    /** This result, run from {@code startedAtMillis} to {@code finishedAtMillis}. */
    public ChunkResult withTimes(long startedAtMillis, long finishedAtMillis) {
        return new ChunkResult(jobId, chunkNo, firstIndex, size, workerId, outcomes, startedAtMillis,
                finishedAtMillis);
    }
}
