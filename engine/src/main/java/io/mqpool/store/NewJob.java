package io.mqpool.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored when a job is accepted.
 *
 * @param retryTimeouts whether a task past its task timeout is tried again, up to {@code retries}
 * @param maxInFlight the job's own bound on tasks ahead at once; 0 for none
 */
public record NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                     long jobTimeoutMillis, int retries, boolean retryTimeouts, int maxInFlight, Instant createdAt) {

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
