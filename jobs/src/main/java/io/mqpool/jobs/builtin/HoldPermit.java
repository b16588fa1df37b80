package io.mqpool.jobs.builtin;

import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * The seed's semaphore example: takes a permit of the shared semaphore {@code name} of
 * {@code permits}, holds it for {@code millis}, and returns how long it waited for it, in
 * milliseconds. At most {@code permits} tasks hold one at once, whatever worker they run on.
 */
@TaskName("hold_permit")
public class HoldPermit implements Task<HoldPermit.Args, Long> {

    public record Args(String name, int permits, long millis) {
    }

    @Override
    public Long call(Args args, TaskContext ctx) throws InterruptedException {
        long asked = System.nanoTime();
        try (SharedSemaphore.Permit permit = ctx.semaphore(args.name(), args.permits()).acquire()) {
            long waited = (System.nanoTime() - asked) / 1_000_000;
            Thread.sleep(args.millis());
            return waited;
        }
    }
}
