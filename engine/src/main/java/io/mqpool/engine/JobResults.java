package io.mqpool.engine;

import io.mqpool.engine.ResultCursor.Order;
import io.mqpool.engine.store.JobStore;
import java.util.Optional;

/**
 * The one way a job's outcomes leave the store: cursors in input or completion order, for the
 * pool's results, its result sequences and the HTTP results endpoint alike.
 */
public final class JobResults {

    private final JobStore store;

    JobResults(JobStore store) {
        this.store = store;
    }

    /**
     * Every chunk in input order from chunk {@code fromChunk}, stopping at the first whose
     * outcomes are not recorded yet: for a job still running.
     */
    public ResultCursor inInputOrder(String jobId, int fromChunk) {
        return new ResultCursor(store, jobId, Order.INDEX, false, fromChunk, 0);
    }

    /**
     * The chunks with recorded outcomes in input order from chunk {@code fromChunk}, stepping
     * over those without: for a finished job, whose missing chunks never come.
     *
     * @param onlyFailed only chunks with a failed task
     */
    public ResultCursor recordedInInputOrder(String jobId, int fromChunk, boolean onlyFailed) {
        return new ResultCursor(store, jobId, Order.INDEX_RECORDED, onlyFailed, fromChunk, 0);
    }

    /**
     * The chunks recorded after completion number {@code afterSeq}, in the order they were
     * recorded.
     *
     * @param onlyFailed only chunks with a failed task
     */
    public ResultCursor inCompletionOrder(String jobId, long afterSeq, boolean onlyFailed) {
        return new ResultCursor(store, jobId, Order.COMPLETION, onlyFailed, 0, afterSeq);
    }

    /** The arguments JSON array of one chunk, to say which argument a failed task had. */
    public Optional<String> chunkArgs(String jobId, int chunkNo) {
        return store.chunkArgs(jobId, chunkNo);
    }
}
