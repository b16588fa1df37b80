package io.mqpool.engine.retry;

import io.mqpool.supervisor.ChunkDeath;
import java.util.Optional;

/** Where the retry handler learns how the worker holding a chunk went down, if it knows. */
@FunctionalInterface
public interface WorkerDeaths {

    /** The latest death of a worker while it ran chunk {@code chunkNo} of {@code jobId}. Does not block. */
    Optional<ChunkDeath> deathOf(String jobId, int chunkNo);
}
