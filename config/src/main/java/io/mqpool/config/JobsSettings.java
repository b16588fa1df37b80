package io.mqpool.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does with jobs once they are finished.
 *
 * @param retention how long a finished job and its outcomes are kept, from the time it finished,
 *     unless the job carries a retention of its own; {@link Duration#ZERO} keeps them forever
 */
public record JobsSettings(Duration retention) {

    /** Finished jobs kept for 7 days. */
    public static final JobsSettings DEFAULT = new JobsSettings(Duration.ofDays(7));

    public JobsSettings {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of finished jobs must not be negative, got " + retention);
        }
    }

    /** Whether finished jobs that carry no retention of their own are kept forever. */
    public boolean keepsForever() {
        return retention.isZero();
    }
}
