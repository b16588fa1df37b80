package io.mqpool.engine.dispatch;

import java.util.Objects;

/**
 * What the dispatcher needs to know of a job to send its chunks.
 *
 * @param taskTimeoutMillis 0 for no limit; travels with every chunk
 * @param chunkLimit chunks of this job that may be ahead at once, 0 for the dispatcher's own
 *     bound only: ahead means sent and not yet answered, or, with {@code limitByConsumer}, sent
 *     and not yet handed out to the caller
 * @param limitByConsumer whether a chunk stops counting only once its results were taken (imap)
 */
public record DispatchedJob(String jobId, String taskName, long taskTimeoutMillis, int chunkLimit,
                            boolean limitByConsumer) {

    public DispatchedJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(taskName, "taskName");
        if (chunkLimit < 0) {
            throw new IllegalArgumentException("chunkLimit must be 0 (none) or more, got " + chunkLimit);
        }
    }
}
