package io.mqpool.engine;

import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.supervisor.WorkerLaunch;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a {@code Pool} asks of its workers beyond the settings.
 *
 * @param initializer a registered task class each worker runs once before its first task, or
 *     null
 * @param initializerArg its argument (turned into JSON)
 * @param maxTasksPerWorker tasks after which a worker is replaced by a fresh one; 0 for never
 */
public record WorkerOptions(Class<?> initializer, Object initializerArg, long maxTasksPerWorker) {

    public static final WorkerOptions NONE = new WorkerOptions(null, null, 0);

    public WorkerOptions {
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("maxTasksPerWorker must be at least 1, got " + maxTasksPerWorker);
        }
    }

    /** How long workers, started alongside the broker, wait for it to accept connections. */
    private static final Duration BROKER_START_WAIT = Duration.ofSeconds(30);

    /**
     * How the supervisor launches workers with these options.
     *
     * @param credentialsFile the workers' broker credentials, or null for a broker that asks none
     * @param currentTaskDir where the workers' current-task files live
     *
     * @throws io.mqpool.jobs.UnknownTaskException if the initializer is not a registered task
     */
    WorkerLaunch launch(String brokerUrl, int consumerWindowSize, Path tasksDir, Path credentialsFile,
                        Path currentTaskDir, TaskRegistry registry, TaskJson json) {
        String name = null;
        String argJson = "null";
        if (initializer != null) {
            name = registry.require(initializer).name();
            argJson = json.toJson(initializerArg).toString();
        }
        return new WorkerLaunch(brokerUrl, tasksDir, consumerWindowSize, BROKER_START_WAIT, name, argJson,
                maxTasksPerWorker, credentialsFile, currentTaskDir);
    }
}
