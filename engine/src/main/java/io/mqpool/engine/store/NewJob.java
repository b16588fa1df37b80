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
 */
public record NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                     long jobTimeoutMillis, int retries, boolean retryTimeouts, int maxInFlight, Instant createdAt,
                     String retryOf, String sourceIndexesJson) {

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
    }
}
