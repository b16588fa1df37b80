package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Sleeps n ms, then returns the pid of the worker that ran it. */
@TaskName("sleep_then_pid")
public class SleepThenPid implements Task<Integer, Long> {
    @Override
    public Long call(Integer millis, TaskContext ctx) throws InterruptedException {
        Thread.sleep(millis);
        return ProcessHandle.current().pid();
    }
}
