package io.mqpool.store;

/**
 * A chunk with at least one failed task, with what is needed to run those tasks again.
 *
 * @param argsJson the chunk's arguments, a JSON array
 * @param outcomesJson its recorded outcomes, a JSON array of the same length
 */
public record FailedChunk(int chunkNo, long firstIndex, String argsJson, String outcomesJson) {
}
