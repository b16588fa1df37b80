package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Adds 1 to element n % 10 of the shared array "histogram" and returns the element after it. */
@TaskName("count_into_element")
public class CountIntoElement implements Task<Integer, Long> {
    @Override
    public Long call(Integer n, TaskContext ctx) {
        return ctx.array("histogram", 10).addAndGet(n % 10, 1);
    }
}
