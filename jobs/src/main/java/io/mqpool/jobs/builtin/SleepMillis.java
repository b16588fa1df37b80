package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps n milliseconds and returns n; tests use it for tasks of varied length. */
@TaskName("sleep_millis")
public class SleepMillis implements Task<Integer, Integer> {

    /**
     * Blocks for n ms.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Override
    public Integer call(Integer n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(n);
        return n;
    }
}
