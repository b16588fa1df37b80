package io.mqpool.jobs.builtin;

import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * The seed's lock example: takes the shared lock {@code name}, holds it for {@code millis}, and
 * returns the grant's fencing token. Tasks of it on many workers take turns.
 */
@TaskName("hold_lock")
public class HoldLock implements Task<HoldLock.Args, Long> {

    public record Args(String name, long millis) {
    }

    @Override
    public Long call(Args args, TaskContext ctx) throws InterruptedException {
        try (SharedLock held = ctx.lock(args.name())) {
            Thread.sleep(args.millis());
            return held.fence();
        }
    }
}
