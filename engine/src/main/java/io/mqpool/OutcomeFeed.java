package io.mqpool;

import io.mqpool.engine.store.JobState;
import java.util.List;

/**
 * Where a {@link ResultSequence} reads its job's outcomes, a chunk at a time, in the order it
 * hands them out: from the engine's store, or from the memory of a job on threads. One reader.
 */
interface OutcomeFeed<R> {

    /**
     * The outcomes of up to {@code limit} more chunks, each chunk's in index order; empty if no
     * further chunk is ready yet. Does not block.
     */
    List<List<Outcome<R>>> next(int limit);

    /** How the job stands; asked when no further chunk is ready. */
    Standing standing();

    /**
     * @param totalChunks how many chunks the job has, once its input has been read to its end;
     *     null before
     */
    record Standing(Integer totalChunks, JobState state) {
    }
}
