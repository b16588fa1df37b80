package io.mqpool.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of how the engine watches its jobs.
 *
 * @param stuckAfter a running job with no outcome recorded for this long (or for its task
 *     timeout, when that is longer) is reported as stuck
 */
public record JobsSettings(Duration stuckAfter) {

    /** The default: 10 minutes. */
    public static final JobsSettings DEFAULTS = new JobsSettings(Duration.ofMinutes(10));

    public JobsSettings {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("jobs.stuck-after must be positive, got " + stuckAfter);
        }
    }
}
