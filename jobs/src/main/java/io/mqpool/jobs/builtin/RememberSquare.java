package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * The seed's Manager example: appends n² to the shared list "squares" and puts it under n in
 * the shared map "squares"; returns n².
 */
@TaskName("remember_square")
public class RememberSquare implements Task<Integer, Long> {
    @Override
    public Long call(Integer n, TaskContext ctx) {
        long square = (long) n * n;
        ctx.map("squares").put(Integer.toString(n), square);
        ctx.list("squares").append(square);
        return square;
    }
}
