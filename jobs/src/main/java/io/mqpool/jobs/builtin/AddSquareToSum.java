package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * The seed's shared-value example ({@code with lock: total.value += n * n}): adds n² to the
 * shared counter "sum" in one atomic step and returns n².
 */
@TaskName("add_square_to_sum")
public class AddSquareToSum implements Task<Integer, Long> {
    @Override
    public Long call(Integer n, TaskContext ctx) {
        long square = (long) n * n;
        ctx.counter("sum").addAndGet(square);
        return square;
    }
}
