package io.mqpool.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the workers a {@link Supervisor} launches find their work.
 *
 * @param brokerUrl the broker's TCP URL, such as {@code tcp://127.0.0.1:61616}
 * @param tasksDir the directory of user task jars; null for the built-in tasks only
 * @param consumerWindowSize bytes of quick chunks a worker may hold ahead of the one it runs;
 *     0 always takes one chunk at a time
 * @param brokerWait how long a starting worker keeps trying to reach a broker that may still
 *     be starting itself
 * @param initializer a registered task each worker runs once before its first chunk, or null;
 *     a worker whose initializer fails exits before it is ready, so the start fails with it
 * @param initializerArgJson the initializer's argument as JSON
 * @param maxTasksPerWorker tasks after which a worker is replaced by a fresh one; 0 for never
 * @param credentialsFile the broker credentials the workers connect with, or null for a broker
 *     that asks none
 * @param currentTaskDir where the workers' current-task files live, such as a directory in the
 *     data directory, so that the next supervisor on it takes over what a killed one left; null
 *     for a directory of the supervisor's own in the temporary directory
 */
public record WorkerLaunch(String brokerUrl, Path tasksDir, int consumerWindowSize, Duration brokerWait,
                           String initializer, String initializerArgJson, long maxTasksPerWorker,
                           Path credentialsFile, Path currentTaskDir) {

    public WorkerLaunch {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(brokerWait, "brokerWait");
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("maxTasksPerWorker must be 0 (no limit) or more, not "
                    + maxTasksPerWorker);
        }
        if (consumerWindowSize < -1) {
            throw new IllegalArgumentException("consumer window must be -1 (unbounded), 0 (one "
                    + "chunk at a time) or a number of bytes, not " + consumerWindowSize);
        }
    }

    /** Workers that expect the broker to be up already, with no initializer and no task limit. */
    public WorkerLaunch(String brokerUrl, Path tasksDir, int consumerWindowSize) {
        this(brokerUrl, tasksDir, consumerWindowSize, Duration.ZERO, null, "null", 0, null, null);
    }
}
