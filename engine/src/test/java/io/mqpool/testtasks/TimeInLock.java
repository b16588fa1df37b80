package io.mqpool.testtasks;

import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Holds the lock "section" for 10 ms and returns when it was inside, in microseconds of the
 * wall clock (shared by every process of the host), and its fence: {@code [start, end, fence]}.
 */
@TaskName("time_in_lock")
public class TimeInLock implements Task<Integer, List<Long>> {

    @Override
    public List<Long> call(Integer n, TaskContext ctx) throws InterruptedException {
        try (SharedLock held = ctx.lock("section")) {
            long start = micros();
            Thread.sleep(10);
            long end = micros();
            return List.of(start, end, held.fence());
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
