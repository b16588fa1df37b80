package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Returns n, or fails for a negative n: a job with failures at chosen places. */
@TaskName("fail_if_negative")
public class FailIfNegative implements Task<Integer, Integer> {
    @Override
    public Integer call(Integer n, TaskContext ctx) {
        if (n < 0) {
            throw new IllegalArgumentException("negative input " + n);
        }
        return n;
    }
}
