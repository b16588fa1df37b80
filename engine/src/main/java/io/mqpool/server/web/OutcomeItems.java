package io.mqpool.server.web;

import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.engine.store.TaskAttempts;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.util.List;
import java.util.Map;

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
        expand(jobId, chunk, onlyFailed, null, into);
    }

    /**
     * Like {@link #expand(String, ChunkOutcomes, boolean, List)}, each item with how its task ran
     * when {@code attempts} (the deaths recorded by task index) is not null.
     */
    void expand(String jobId, ChunkOutcomes chunk, boolean onlyFailed, Map<Long, TaskAttempts> attempts,
                List<ResultItem> into) {
        if (onlyFailed && chunk.outcomes().failures() == 0) {
            return;
        }
        List<TaskOutcome> outcomes = chunk.decode(codec, jobId);
        for (int i = 0; i < outcomes.size(); i++) {
            TaskOutcome outcome = outcomes.get(i);
            if (!onlyFailed || outcome instanceof TaskOutcome.Failure) {
                long index = chunk.firstIndex() + i;
                ResultItem item = ResultItem.of(index, outcome);
                into.add(attempts == null ? item : item.withRun(chunk.run(), outcome, attempts.get(index)));
            }
        }
    }
}
