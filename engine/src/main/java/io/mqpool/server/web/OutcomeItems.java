package io.mqpool.server.web;

import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.util.List;

/** Turns a chunk's stored outcomes into {@link ResultItem}s, through the outcome codec. */
final class OutcomeItems {

    private final OutcomeCodec codec = new OutcomeCodec();

    /**
     * Adds the chunk's outcomes to {@code into} in index order; with {@code onlyFailed} only the
     * failed ones.
     *
     * @throws IllegalStateException if the stored outcomes are not what the codec writes
     */
    void expand(String jobId, ChunkOutcomes chunk, boolean onlyFailed, List<ResultItem> into) {
        if (onlyFailed && chunk.outcomes().failures() == 0) {
            return;
        }
        List<TaskOutcome> outcomes = chunk.decode(codec, jobId);
        for (int i = 0; i < outcomes.size(); i++) {
            if (!onlyFailed || outcomes.get(i) instanceof TaskOutcome.Failure) {
                into.add(ResultItem.of(chunk.firstIndex() + i, outcomes.get(i)));
            }
        }
    }
}
