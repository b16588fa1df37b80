package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Always fails, to show how a task's exception reaches the caller. */
@TaskName("fail_on_purpose")
public class FailOnPurpose implements Task<String, String> {

    /**
     * Does not block.
     *
     * @throws IllegalStateException always, with the argument in its message
     */
    @Override
    public String call(String arg, TaskContext ctx) {
        throw new IllegalStateException("failed on purpose: " + arg);
    }
}
