package io.mqpool.engine;

import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.engine.store.JobStore;
import java.util.List;

/**
 * A reading position in one job's recorded outcomes, a chunk at a time: each {@link #next}
 * hands out the chunks after those it handed out before. Not thread-safe: one reader each.
 */
public final class ResultCursor {

    /** Which chunks come next, and in what order. */
    enum Order {
        /** Input order, every chunk, stopping at the first without outcomes: it may still come. */
        INDEX,
        /** Input order, stepping over chunks without outcomes: for a finished job, they never come. */
        INDEX_RECORDED,
        /** The order the outcomes were recorded in. */
        COMPLETION
    }

    private final JobStore store;
    private final String jobId;
    private final Order order;
    private final boolean onlyFailed;
    private int nextChunk;
    private long lastSeq;

    ResultCursor(JobStore store, String jobId, Order order, boolean onlyFailed, int fromChunk, long afterSeq) {
        this.store = store;
        this.jobId = jobId;
        this.order = order;
        this.onlyFailed = onlyFailed;
        this.nextChunk = fromChunk;
        this.lastSeq = afterSeq;
    }

    public String jobId() {
        return jobId;
    }

    /** Up to {@code limit} chunks' outcomes after those handed out so far; empty if none yet. */
    public List<ChunkOutcomes> next(int limit) {
        List<ChunkOutcomes> page = switch (order) {
            case INDEX -> store.outcomesInIndexOrder(jobId, nextChunk, limit);
            case INDEX_RECORDED -> store.recordedOutcomesFrom(jobId, nextChunk, limit, onlyFailed);
            case COMPLETION -> store.outcomesInCompletionOrder(jobId, lastSeq, limit, onlyFailed);
        };
        if (!page.isEmpty()) {
            ChunkOutcomes last = page.get(page.size() - 1);
            nextChunk = last.chunkNo() + 1;
            lastSeq = last.completionSeq();
        }
        return page;
    }

    /** The chunk number the next chunk in input order will have at least. */
    public int nextChunk() {
        return nextChunk;
    }

    /** The completion number of the last chunk handed out in completion order. */
    public long lastSeq() {
        return lastSeq;
    }
}
