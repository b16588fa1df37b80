package io.mqpool.testtasks;

import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits up to {@code waitMillis} for the lock {@code lock}, and returns its fence and when it
 * was granted, in milliseconds of the wall clock ({@code [-1, now]} when it was not); releases it.
 */
@TaskName("wait_for_lock")
public class WaitForLock implements Task<WaitForLock.Args, List<Long>> {

    public record Args(String lock, long waitMillis) {
    }

    @Override
    public List<Long> call(Args args, TaskContext ctx) {
        Optional<SharedLock> held = ctx.tryLock(args.lock(), Duration.ofMillis(args.waitMillis()));
        long at = System.currentTimeMillis();
        if (held.isEmpty()) {
            return List.of(-1L, at);
        }
        try (SharedLock lock = held.get()) {
            return List.of(lock.fence(), at);
        }
    }
}
