package io.mqpool.engine.store;

/** A chunk read back for sending. */
public record StoredChunk(String jobId, int chunkNo, long firstIndex, int size, String argsJson) {
}
