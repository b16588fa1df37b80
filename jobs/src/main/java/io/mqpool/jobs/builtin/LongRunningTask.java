package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps n seconds, then reports that it completed. */
@TaskName("long_running_task")
public class LongRunningTask implements Task<Integer, String> {

    /**
     * Blocks for n seconds.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Override
    public String call(Integer n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(n * 1000L);
        return "Task " + n + " completed.";
    }
}
