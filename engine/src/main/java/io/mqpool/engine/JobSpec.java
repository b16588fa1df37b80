package io.mqpool.engine;

import io.mqpool.jobs.JobPriority;
import java.util.Objects;

/**
 * What to run and how, for one job. Validated here so nothing invalid is ever stored.
 *
 * @param taskTimeoutMillis 0 for no limit
 * @param jobTimeoutMillis 0 for no limit
 * @param maxInFlight tasks of the job that may be ahead at once (see {@code JobOptions}); 0 for
 *     no limit of its own
 * @param retryTimeouts whether a task past its task timeout is tried again, up to
 *     {@code retries}; else it fails at once
 * @param retentionMillis how long the job is kept once it has finished: 0 forever, null as the
 *     server's {@code jobs.retention} says
 * @param priority whose tasks go first among the running jobs
 */
public record JobSpec(String taskName, JobMode mode, int chunksize, long taskTimeoutMillis,
                      long jobTimeoutMillis, int retries, int maxInFlight, boolean retryTimeouts,
                      Long retentionMillis, JobPriority priority) {

    public JobSpec {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(priority, "priority");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        if (taskTimeoutMillis < 0) {
            throw new IllegalArgumentException("task timeout must be positive, got " + taskTimeoutMillis + " ms");
        }
        if (jobTimeoutMillis < 0) {
            throw new IllegalArgumentException("job timeout must be positive, got " + jobTimeoutMillis + " ms");
        }
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be between 0 and 100, got " + retries);
        }
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (retentionMillis != null && retentionMillis < 0) {
            throw new IllegalArgumentException("retention must not be negative, got " + retentionMillis + " ms");
        }
    }

    /** The job's own limit in whole chunks, rounded up; 0 for none. */
    public int chunkLimit() {
        return chunkLimit(maxInFlight, chunksize);
    }

    /** {@code maxInFlight} tasks in whole chunks of {@code chunksize}, rounded up; 0 for none. */
    public static int chunkLimit(int maxInFlight, int chunksize) {
        return maxInFlight == 0 ? 0 : (int) ((maxInFlight + (long) chunksize - 1) / chunksize);
    }
}
