package io.mqpool.store;

/**
 * One chunk's outcomes on their way into the store.
 *
 * @param startedAtMillis when the worker started the chunk (epoch ms); 0 if unknown
 * @param finishedAtMillis when it finished it (epoch ms); 0 if unknown: the store then records
 *     when it recorded the outcomes
 */
public record RecordedResult(String jobId, int chunkNo, int size, int failures, String workerId,
                             String outcomesJson, long startedAtMillis, long finishedAtMillis) {

    /** Outcomes without times. */
    public RecordedResult(String jobId, int chunkNo, int size, int failures, String workerId, String outcomesJson) {
        this(jobId, chunkNo, size, failures, workerId, outcomesJson, 0, 0);
    }
}
