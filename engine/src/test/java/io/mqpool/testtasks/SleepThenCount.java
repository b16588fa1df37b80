package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * Sleeps n ms, then adds 1 to the shared counter named after its job, and returns the count: how
 * many tasks of a job ran to their end is {@code pool.counter(jobId).get()}.
 */
@TaskName("sleep_then_count")
public class SleepThenCount implements Task<Integer, Long> {
    @Override
    public Long call(Integer millis, TaskContext ctx) throws InterruptedException {
        Thread.sleep(millis);
        return ctx.counter(ctx.jobId()).addAndGet(1);
    }
}
