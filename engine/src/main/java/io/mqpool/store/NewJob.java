package io.mqpool.store;

import java.time.Instant;
import java.util.Objects;

/** What is stored when a job is accepted. */
public record NewJob(String id, String taskName, String mode, int chunksize, long taskTimeoutMillis,
                     long jobTimeoutMillis, int retries, Instant createdAt) {

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
