package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** n³, at once. */
@TaskName("compute_cube")
public class ComputeCube implements Task<Integer, Long> {

    @Override
    public Long call(Integer n, TaskContext ctx) {
        long x = n;
        return x * x * x;
    }
}
