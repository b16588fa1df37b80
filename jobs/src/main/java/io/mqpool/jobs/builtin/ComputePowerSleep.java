package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps n seconds, then returns n²; the seed's task for completion-order demos. */
@TaskName("compute_power_sleep")
public class ComputePowerSleep implements Task<Integer, Long> {

    /**
     * Blocks for n seconds.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Override
    public Long call(Integer n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(n * 1000L);
        return (long) n * n;
    }
}
