package io.mqpool.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does with jobs: how it watches running ones, and how long it keeps finished ones.
 *
 * @param retention how long a finished job and its outcomes are kept, from the time it finished,
 *     unless the job carries a retention of its own; {@link Duration#ZERO} keeps them forever
 * @param stuckAfter a running job with no outcome recorded for this long (or for its task
 *     timeout, when that is longer) is reported as stuck
 */
public record JobsSettings(Duration retention, Duration stuckAfter) {

    /** Finished jobs kept for 7 days; a job stuck after 10 minutes without an outcome. */
    public static final JobsSettings DEFAULTS = new JobsSettings(Duration.ofDays(7), Duration.ofMinutes(10));

    public JobsSettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of finished jobs must not be negative, got " + retention);
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("jobs.stuck-after must be positive, got " + stuckAfter);
        }
    }

    /** Whether finished jobs that carry no retention of their own are kept forever. */
    public boolean keepsForever() {
        return retention.isZero();
    }
}
