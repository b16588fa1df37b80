package io.mqpool.worker;

import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;

/**
 * Runs the pool's initializer, a registered task, once in this worker before its first chunk
 * (Python's {@code Pool(initializer=…, initargs=…)}).
 */
final class Initializer {

    private final TaskRegistry registry;
    private final TaskJson json;
    private final String workerId;
    private final StateClient state;

    Initializer(TaskRegistry registry, TaskJson json, String workerId, StateClient state) {
        this.registry = registry;
        this.json = json;
        this.workerId = workerId;
        this.state = state;
    }

    /**
     * Blocks while the initializer runs.
     *
     * @throws Exception whatever the task, its lookup or its argument binding threw
     */
    void run(String taskName, String argJson) throws Exception {
        RegisteredTask task = registry.require(taskName);
        Object arg = json.bindArgument(task, json.mapper().readTree(argJson));
        task.instance().call(arg, new ChunkContext("initializer", 0, 0, workerId, state));
    }
}
