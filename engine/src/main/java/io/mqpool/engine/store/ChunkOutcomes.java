package io.mqpool.engine.store;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.MalformedOutcomesException;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.util.List;

/**
 * The recorded outcomes of one chunk.
 *
 * @param completionSeq where the chunk stands in completion order (engine-wide, increasing)
 * @param outcomes one per task, as the worker sent them
 * @param run where and when the chunk ran
 */
public record ChunkOutcomes(int chunkNo, long firstIndex, int size, long completionSeq, EncodedOutcomes outcomes,
                            ChunkRun run) {

    /** Outcomes of a chunk whose run is not known. */
    public ChunkOutcomes(int chunkNo, long firstIndex, int size, long completionSeq, EncodedOutcomes outcomes) {
        this(chunkNo, firstIndex, size, completionSeq, outcomes, ChunkRun.UNKNOWN);
    }

    /**
     * The chunk's outcomes, one per task in index order.
     *
     * @throws IllegalStateException if what is stored is not what the codec writes
     */
    public List<TaskOutcome> decode(OutcomeCodec codec, String jobId) {
        try {
            return codec.decode(outcomes, size);
        } catch (MalformedOutcomesException e) {
            throw new IllegalStateException("the stored outcomes of job " + jobId + " chunk " + chunkNo + " "
                    + e.getMessage(), e);
        }
    }
}
