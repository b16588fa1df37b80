package io.mqpool.engine.store;

import io.mqpool.outcome.EncodedOutcomes;

/**
 * One chunk's outcomes on their way into the store, kept as the worker encoded them.
 *
 * @param startedAtMillis when the worker started the chunk (epoch ms); 0 if unknown
 * @param finishedAtMillis when it finished it (epoch ms); 0 if unknown: the store then records
 *     when it recorded the outcomes
 */
public record RecordedResult(String jobId, int chunkNo, int size, String workerId, EncodedOutcomes outcomes,
                             long startedAtMillis, long finishedAtMillis) {

    /** Outcomes without times. */
    public RecordedResult(String jobId, int chunkNo, int size, String workerId, EncodedOutcomes outcomes) {
        this(jobId, chunkNo, size, workerId, outcomes, 0, 0);
    }
}
