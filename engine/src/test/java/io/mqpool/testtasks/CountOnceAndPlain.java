package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Adds 1 to "once" keyed by the task, and 1 to "plain" without a key, then sleeps 5 ms. */
@TaskName("count_once_and_plain")
public class CountOnceAndPlain implements Task<Integer, Integer> {
    @Override
    public Integer call(Integer n, TaskContext ctx) throws InterruptedException {
        ctx.counter("once").addOnce(ctx.taskKey(), 1);
        ctx.counter("plain").addAndGet(1);
        Thread.sleep(5);
        return n;
    }
}
