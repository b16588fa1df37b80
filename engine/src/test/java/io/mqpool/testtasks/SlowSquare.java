package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps 2 ms and returns n²: long enough to be killed in the middle of, short enough for thousands. */
@TaskName("slow_square")
public class SlowSquare implements Task<Integer, Long> {
    @Override
    public Long call(Integer n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(2);
        return (long) n * n;
    }
}
