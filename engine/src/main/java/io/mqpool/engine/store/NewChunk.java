package io.mqpool.engine.store;

/** A chunk as it is stored before it is sent: tasks {@code firstIndex .. firstIndex + size - 1}. */
public record NewChunk(int chunkNo, long firstIndex, int size, String argsJson) {
}
