package io.mqpool.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How long stopping a child process waits at each step before it escalates or gives up.
 *
 * @param forExit how long the child is given to exit after each signal
 * @param forOrphans how long the processes it started are given to exit by themselves once it
 *     is dead, before they are killed
 * @param forOutput how long its output may take to end after it exited: a grandchild that
 *     inherited a stream can hold it open
 */
public record StopTimeouts(Duration forExit, Duration forOrphans, Duration forOutput) {

    /** 20 s for each signal, 10 s for orphans, 5 s for output. */
    public static final StopTimeouts DEFAULTS =
            new StopTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(5));

    public StopTimeouts {
        requirePositive(forExit, "forExit");
        requirePositive(forOrphans, "forOrphans");
        requirePositive(forOutput, "forOutput");
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + timeout);
        }
    }
}
