package io.mqpool.engine.store;

import io.mqpool.outcome.EncodedOutcomes;

/**
 * A chunk with at least one failed task, with what is needed to run those tasks again.
 *
 * @param argsJson the chunk's arguments, a JSON array
 * @param outcomes its recorded outcomes, one per argument
 */
public record FailedChunk(int chunkNo, long firstIndex, String argsJson, EncodedOutcomes outcomes) {
}
