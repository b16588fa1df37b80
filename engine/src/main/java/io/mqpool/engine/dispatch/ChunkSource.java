package io.mqpool.engine.dispatch;

import io.mqpool.engine.store.StoredChunk;
import java.util.List;

/** Where a job's next chunks come from: the store, or an input still being read. */
public interface ChunkSource {

    /**
     * The next chunks in order, at most {@code max}, each already stored. Empty once the
     * source is exhausted. May block on the store or on the input.
     */
    List<StoredChunk> next(int max);
}
