package io.mqpool.worker;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** A test task that sleeps, then reports the context it ran in (to see redeliveries). */
@TaskName("sleep_then_describe")
public class SleepThenDescribe implements Task<Integer, String> {

    @Override
    public String call(Integer millis, TaskContext ctx) throws InterruptedException {
        Thread.sleep(millis);
        return ctx.jobId() + "/" + ctx.taskIndex() + "/" + ctx.redeliveries() + "/" + ctx.workerId();
    }
}
