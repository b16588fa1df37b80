package io.mqpool.store;

/** One chunk's outcomes on their way into the store. */
public record RecordedResult(String jobId, int chunkNo, int size, int failures, String workerId,
                             String outcomesJson) {
}
