package io.mqpool.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The worker processes a supervisor launches.
 *
 * @param count how many workers to run
 * @param javaCommand the {@code java} executable that starts a worker
 * @param jvmOptions options placed before the main class, such as {@code -Xmx256m}
 * @param classPath the class path of a worker JVM
 * @param startTimeout how long a worker may take to report ready
 * @param maxRestartBackoff the longest pause before restarting a worker that died
 * @param maxStartFailures consecutive failed starts after which the supervisor gives up
 * @param classArchives where the class-data archives of worker JVMs are kept, one per class
 *     path; empty: workers load their classes from the class path every time
 */
public record WorkerSettings(int count, Path javaCommand, List<String> jvmOptions, String classPath,
                             Duration startTimeout, Duration maxRestartBackoff, int maxStartFailures,
                             Optional<Path> classArchives) {

    static final int MAX_COUNT = 1024;
    static final int MAX_START_FAILURES = 100;

    /** @throws IllegalArgumentException if a number is out of range or a duration negative */
    public WorkerSettings {
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(classArchives, "classArchives");
        Ranges.check("worker count", count, 1, MAX_COUNT);
        Ranges.check("worker max start failures", maxStartFailures, 1, MAX_START_FAILURES);
        if (Objects.requireNonNull(startTimeout, "startTimeout").isNegative()
                || Objects.requireNonNull(maxRestartBackoff, "maxRestartBackoff").isNegative()) {
            throw new IllegalArgumentException("worker start timeout and max restart backoff must not "
                    + "be negative, got " + startTimeout + " and " + maxRestartBackoff);
        }
    }

    /** Settings without class-data archives. */
    public WorkerSettings(int count, Path javaCommand, List<String> jvmOptions, String classPath,
                          Duration startTimeout, Duration maxRestartBackoff, int maxStartFailures) {
        this(count, javaCommand, jvmOptions, classPath, startTimeout, maxRestartBackoff, maxStartFailures,
                Optional.empty());
    }

    /** The same settings with another worker count. */
    public WorkerSettings withCount(int newCount) {
        return new WorkerSettings(newCount, javaCommand, jvmOptions, classPath, startTimeout,
                maxRestartBackoff, maxStartFailures, classArchives);
    }
}
