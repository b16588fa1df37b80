package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** The seed's Manager example: appends n² to the shared list {@code into} and puts it under "n" in the shared map {@code into}. */
@TaskName("record_square")
public class RecordSquare implements Task<RecordSquare.Args, Long> {

    public record Args(String into, int n) {
    }

    @Override
    public Long call(Args args, TaskContext ctx) {
        int n = args.n();
        ctx.map(args.into()).put(Integer.toString(n), n * n);
        return ctx.list(args.into()).append(n * n);
    }
}
