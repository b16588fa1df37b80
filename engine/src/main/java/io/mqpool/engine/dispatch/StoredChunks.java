package io.mqpool.engine.dispatch;

import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.StoredChunk;
import java.util.List;

/** The chunks of a job whose whole input is already stored, read back in batches. */
public final class StoredChunks implements ChunkSource {

    private final JobStore store;
    private final String jobId;
    private final int totalChunks;
    private int nextChunk;

    /** Reads chunks {@code fromChunk .. totalChunks - 1} of {@code jobId}. */
    public StoredChunks(JobStore store, String jobId, int fromChunk, int totalChunks) {
        this.store = store;
        this.jobId = jobId;
        this.nextChunk = fromChunk;
        this.totalChunks = totalChunks;
    }

    @Override
    public List<StoredChunk> next(int max) {
        int count = Math.min(max, totalChunks - nextChunk);
        if (count <= 0) {
            return List.of();
        }
        List<StoredChunk> chunks = store.chunksFrom(jobId, nextChunk, count);
        nextChunk += chunks.size();
        return chunks;
    }
}
