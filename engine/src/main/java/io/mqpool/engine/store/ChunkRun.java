package io.mqpool.engine.store;

/**
 * Where and when a chunk ran, as its outcomes were recorded.
 *
 * @param workerId the worker that sent the outcomes; null when unknown (outcomes the engine
 *     settled itself, or recorded before workers were named)
 * @param startedAtMs when the worker started the chunk (epoch ms, the worker's clock); null when unknown
 * @param finishedAtMs when it finished, or when the outcomes were recorded if the start is
 *     unknown; null for chunks recorded before times were kept
 */
public record ChunkRun(String workerId, Long startedAtMs, Long finishedAtMs) {

    /** Nothing known. */
    public static final ChunkRun UNKNOWN = new ChunkRun(null, null, null);
}
