package io.mqpool.supervisor;

import java.time.Instant;

/**
 * The chunk a worker is running, as it reported when it took it.
 *
 * @param since when the worker took the chunk
 */
public record CurrentChunk(String jobId, int chunkNo, long firstIndex, int size, Instant since) {
}
