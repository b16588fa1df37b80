package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** The seed's shared-memory example: adds n² to "total" and writes it at index n of "squares" (10 elements). */
@TaskName("square_into_array")
public class SquareIntoArray implements Task<Integer, Long> {
    @Override
    public Long call(Integer n, TaskContext ctx) {
        long square = (long) n * n;
        ctx.counter("total").addAndGet(square);
        ctx.array("squares", 10).set(n, square);
        return square;
    }
}
