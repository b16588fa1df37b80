package io.mqpool.engine;

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
}
