package io.mqpool.testtasks;

import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Holds a permit of the semaphore "db" of 2 for 30 ms, and returns how many tasks were inside with it, itself included. */
@TaskName("inside_semaphore")
public class InsideSemaphore implements Task<Integer, Long> {

    @Override
    public Long call(Integer n, TaskContext ctx) throws InterruptedException {
        SharedCounter inside = ctx.counter("db.inside");
        try (SharedSemaphore.Permit permit = ctx.semaphore("db", 2).acquire()) {
            long now = inside.addAndGet(1);
            Thread.sleep(30);
            now = Math.max(now, inside.get());
            inside.addAndGet(-1);
            return now;
        }
    }
}
