package io.mqpool;

import io.mqpool.jobs.JobPriority;
import java.time.Duration;

/**
 * How a job runs. Unset values ({@code null}) fall back to the pool's defaults, then to
 * mqpool's: chunksize by Python's rule for {@code map} ({@code ceil(n / (4 × workers))}) and 1
 * for the rest, no timeouts, 2 retries, no limit of the job's own on tasks in flight, timeouts
 * not retried.
 *
 * @param chunksize tasks per message to a worker; at least 1
 * @param taskTimeout how long one task may run before its worker is stopped (on
 *     {@link Pool#threads threads}, before its thread is interrupted); positive
 * @param jobTimeout how long the whole job may run before its remaining tasks are cancelled
 * @param retries how often a task is delivered again after its worker died; 0 to 100. On
 *     threads no worker can die, so only {@code retryTimeouts} uses them there
 * @param maxInFlight at most this many of the job's tasks are ahead at once, rounded up to whole
 *     chunks; at least 1. For {@code imap} and {@code imapUnordered} (Python's
 *     {@code buffersize}) a task is ahead from when its argument is read until its result is
 *     handed to the caller, so the input is read only as fast as results are taken; for the
 *     other methods, until its outcome is recorded, which caps how many workers the job keeps
 *     busy. Unset: the input is read as fast as workers take it, with up to
 *     {@code max(512, 8 × workers)} chunks sent ahead of their outcomes.
 * @param retryTimeouts whether a task that ran past its task timeout is tried again (up to
 *     {@code retries}, like a task whose worker died); unset or false, it fails at once with
 *     {@code TaskTimeoutException}, as under Celery's hard time limit
 * @param retention how long the job and its outcomes are kept once it has finished, after which
 *     the engine deletes them; {@link Duration#ZERO} keeps them forever. Unset: the setting
 *     {@code jobs.retention} (7 days unless set)
 * @param priority whose tasks workers take first among the running jobs: every chunk of a
 *     {@code HIGH} job goes ahead of a {@code NORMAL} one's, and those ahead of {@code LOW}
 *     ones'. Unset: {@code NORMAL}. On {@link Pool#threads threads} too
 */
public record JobOptions(Integer chunksize, Duration taskTimeout, Duration jobTimeout, Integer retries,
                         Integer maxInFlight, Boolean retryTimeouts, Duration retention, JobPriority priority) {

    /** Options of normal priority. */
    public JobOptions(Integer chunksize, Duration taskTimeout, Duration jobTimeout, Integer retries,
                      Integer maxInFlight, Boolean retryTimeouts, Duration retention) {
        this(chunksize, taskTimeout, jobTimeout, retries, maxInFlight, retryTimeouts, retention, null);
    }

    /** Options whose job is kept as long as the setting {@code jobs.retention} says. */
    public JobOptions(Integer chunksize, Duration taskTimeout, Duration jobTimeout, Integer retries,
                      Integer maxInFlight, Boolean retryTimeouts) {
        this(chunksize, taskTimeout, jobTimeout, retries, maxInFlight, retryTimeouts, null, null);
    }

    static final int DEFAULT_RETRIES = 2;

    public JobOptions {
        if (chunksize != null && chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        requirePositive("task timeout", taskTimeout);
        requirePositive("job timeout", jobTimeout);
        if (retries != null && (retries < 0 || retries > 100)) {
            throw new IllegalArgumentException("retries must be between 0 and 100, got " + retries);
        }
        if (maxInFlight != null && maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (retention != null && retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative (0 keeps the job forever), got "
                    + retention);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Nothing set: every value comes from the pool's defaults. */
    public static JobOptions defaults() {
        return new JobOptions(null, null, null, null, null, null, null, null);
    }

    public JobOptions withChunksize(int value) {
        return new JobOptions(value, taskTimeout, jobTimeout, retries, maxInFlight, retryTimeouts, retention, priority);
    }

    public JobOptions withTaskTimeout(Duration value) {
        return new JobOptions(chunksize, value, jobTimeout, retries, maxInFlight, retryTimeouts, retention, priority);
    }

    public JobOptions withJobTimeout(Duration value) {
        return new JobOptions(chunksize, taskTimeout, value, retries, maxInFlight, retryTimeouts, retention, priority);
    }

    public JobOptions withRetries(int value) {
        return new JobOptions(chunksize, taskTimeout, jobTimeout, value, maxInFlight, retryTimeouts, retention, priority);
    }

    /** See {@link #maxInFlight()}. */
    public JobOptions withMaxInFlight(int value) {
        return new JobOptions(chunksize, taskTimeout, jobTimeout, retries, value, retryTimeouts, retention, priority);
    }

    /** See {@link #retryTimeouts()}. */
    public JobOptions withRetryTimeouts(boolean value) {
        return new JobOptions(chunksize, taskTimeout, jobTimeout, retries, maxInFlight, value, retention, priority);
    }

    /**
     * See {@link #retention()}: the job and its outcomes are deleted this long after it finished;
     * {@link Duration#ZERO} keeps them forever. Not for {@link Pool#threads threads}, which keep
     * nothing once the pool is closed.
     */
    public JobOptions withRetention(Duration value) {
        return new JobOptions(chunksize, taskTimeout, jobTimeout, retries, maxInFlight, retryTimeouts, value, priority);
    }

    /** See {@link #priority()}. */
    public JobOptions withPriority(JobPriority value) {
        return new JobOptions(chunksize, taskTimeout, jobTimeout, retries, maxInFlight, retryTimeouts, retention,
                value);
    }

    /** These options, with every unset value taken from {@code fallback}. */
    JobOptions orElse(JobOptions fallback) {
        return new JobOptions(chunksize != null ? chunksize : fallback.chunksize,
                taskTimeout != null ? taskTimeout : fallback.taskTimeout,
                jobTimeout != null ? jobTimeout : fallback.jobTimeout,
                retries != null ? retries : fallback.retries,
                maxInFlight != null ? maxInFlight : fallback.maxInFlight,
                retryTimeouts != null ? retryTimeouts : fallback.retryTimeouts,
                retention != null ? retention : fallback.retention,
                priority != null ? priority : fallback.priority);
    }
}
