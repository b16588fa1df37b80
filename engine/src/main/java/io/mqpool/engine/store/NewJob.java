package io.mqpool.engine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored when a job is accepted.
 *
 * @param retryTimeouts whether a task past its task timeout is tried again, up to {@code retries}
 * @param maxInFlight the job's own bound on tasks ahead at once; 0 for none
 * @param retryOf the job whose failed tasks this one runs again; null for a fresh job
 * @param sourceIndexesJson with {@code retryOf}: a JSON array, the index in that job of each task
 * @param retentionMillis how long the job is kept once finished: 0 forever, null as the server's
 *     setting says
 * @param priority {@code LOW}, {@code NORMAL} or {@code HIGH}, as {@code JobPriority} names them
 */
public record NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                     long jobTimeoutMillis, int retries, boolean retryTimeouts, int maxInFlight, Instant createdAt,
                     String retryOf, String sourceIndexesJson, Long retentionMillis, String priority) {

    /** A job of normal priority kept as long as the server's setting says. */
    public NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                  long jobTimeoutMillis, int retries, boolean retryTimeouts, int maxInFlight, Instant createdAt,
                  String retryOf, String sourceIndexesJson) {
        this(id, taskName, mode, chunksize, taskTimeoutMillis, jobTimeoutMillis, retries, retryTimeouts, maxInFlight,
                createdAt, retryOf, sourceIndexesJson, null, "NORMAL");
    }

    /** A job submitted afresh. */
    public NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                  long jobTimeoutMillis, int retries, boolean retryTimeouts, int maxInFlight, Instant createdAt) {
        this(id, taskName, mode, chunksize, taskTimeoutMillis, jobTimeoutMillis, retries, retryTimeouts, maxInFlight,
                createdAt, null, null);
    }

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(priority, "priority");
        if (retentionMillis != null && retentionMillis < 0) {
            throw new IllegalArgumentException("retention must not be negative, got " + retentionMillis + " ms");
        }
    }
}
