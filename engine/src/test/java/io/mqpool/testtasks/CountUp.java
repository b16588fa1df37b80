package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Adds 1 to the shared counter named by its argument and returns the value after it. */
@TaskName("count_up")
public class CountUp implements Task<String, Long> {
    @Override
    public Long call(String counter, TaskContext ctx) {
        return ctx.counter(counter).addAndGet(1);
    }
}
