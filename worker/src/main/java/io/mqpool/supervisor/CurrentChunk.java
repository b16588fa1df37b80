package io.mqpool.supervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * The chunk a worker is running, as it reported when it took it and as it started each task.
 *
 * @param since when the worker took the chunk
 * @param taskTimeoutMillis how long one task of the chunk may run, 0 for no limit
 * @param taskIndex the absolute index of the task being run: the chunk's first until the
 *     worker reports another
 * @param taskSince when that task started (for the first task: when the chunk was taken)
 */
public record CurrentChunk(String jobId, int chunkNo, long firstIndex, int size, Instant since,
                           long taskTimeoutMillis, long taskIndex, Instant taskSince) {

    /** A chunk just taken: its first task starts now. */
    static CurrentChunk taken(String jobId, int chunkNo, long firstIndex, int size,
                              long taskTimeoutMillis, Instant now) {
        return new CurrentChunk(jobId, chunkNo, firstIndex, size, now, taskTimeoutMillis,
                firstIndex, now);
    }

    /** The same chunk, now running task {@code index}, which started at {@code now}. */
    CurrentChunk withTask(long index, Instant now) {
        return new CurrentChunk(jobId, chunkNo, firstIndex, size, since, taskTimeoutMillis, index,
                now);
    }

    /** Whether the current task has run longer than the chunk's task timeout, if it has one. */
    boolean taskOverran(Instant now) {
        return taskTimeoutMillis > 0
                && Duration.between(taskSince, now).toMillis() > taskTimeoutMillis;
    }
}
