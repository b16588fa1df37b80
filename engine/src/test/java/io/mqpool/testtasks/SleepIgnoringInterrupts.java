package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps n ms whatever interrupts it, then returns n: a task that cannot be stopped inside its JVM. */
@TaskName("sleep_ignoring_interrupts")
public class SleepIgnoringInterrupts implements Task<Integer, Integer> {
    @Override
    public Integer call(Integer millis, TaskContext ctx) {
        long end = System.nanoTime() + millis * 1_000_000L;
        for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000L) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                // ignored on purpose: that is what this task is for
            }
        }
        return millis;
    }
}
