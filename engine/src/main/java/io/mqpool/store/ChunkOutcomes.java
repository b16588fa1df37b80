package io.mqpool.store;

import io.mqpool.outcome.EncodedOutcomes;

/**
 * The recorded outcomes of one chunk.
 *
 * @param completionSeq where the chunk stands in completion order (engine-wide, increasing)
 * @param outcomes one per task, as the worker sent them
 */
public record ChunkOutcomes(int chunkNo, long firstIndex, int size, long completionSeq, EncodedOutcomes outcomes) {
}
