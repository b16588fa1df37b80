package io.mqpool.engine.dispatch;

import io.mqpool.jobs.JobPriority;
import java.util.Objects;

/**
 * What the dispatcher needs to know of a job to send its chunks.
 *
 * @param taskTimeoutMillis 0 for no limit; travels with every chunk
 * @param chunkLimit chunks of this job that may be ahead at once, 0 for the dispatcher's own
 *     bound only: ahead means sent and not yet answered, or, with {@code limitByConsumer}, sent
 *     and not yet handed out to the caller
 * @param limitByConsumer whether a chunk stops counting only once its results were taken (imap)
 * @param priority whose chunks go first between running jobs (see {@link ChunkPriority})
 */
public record DispatchedJob(String jobId, String taskName, long taskTimeoutMillis, int chunkLimit,
                            boolean limitByConsumer, JobPriority priority) {

    /** A job of normal priority. */
    public DispatchedJob(String jobId, String taskName, long taskTimeoutMillis, int chunkLimit,
                         boolean limitByConsumer) {
        this(jobId, taskName, taskTimeoutMillis, chunkLimit, limitByConsumer, JobPriority.NORMAL);
    }

    public DispatchedJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(priority, "priority");
        if (chunkLimit < 0) {
            throw new IllegalArgumentException("chunkLimit must be 0 (none) or more, got " + chunkLimit);
        }
    }
}
