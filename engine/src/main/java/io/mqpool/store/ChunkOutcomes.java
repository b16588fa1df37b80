package io.mqpool.store;

/**
 * The recorded outcomes of one chunk.
 *
 * @param outcomesJson a JSON array, one element per task, as the worker sent it
 * @param completionSeq where the chunk stands in completion order (engine-wide, increasing)
 */
public record ChunkOutcomes(int chunkNo, long firstIndex, int size, int failures,
                            long completionSeq, String outcomesJson) {
}
