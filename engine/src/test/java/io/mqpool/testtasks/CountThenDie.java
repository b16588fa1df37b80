package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * Adds 1 to the counter "counted" (keyed by the task, so once only, or not) and then, on its
 * first run of every 25th task, kills its own worker at once: the update is made, the task is
 * not, and it runs again.
 */
@TaskName("count_then_die")
public class CountThenDie implements Task<CountThenDie.Args, Integer> {

    public record Args(int n, boolean once) {
    }

    @Override
    public Integer call(Args args, TaskContext ctx) {
        if (args.once()) {
            ctx.counter("counted").addOnce(ctx.taskKey(), 1);
        } else {
            ctx.counter("counted").addAndGet(1);
        }
        if (args.n() % 25 == 0 && ctx.redeliveries() == 0) {
            Runtime.getRuntime().halt(9);
        }
        return args.n();
    }
}
