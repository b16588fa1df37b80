package io.mqpool.worker;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** A test task that reports the context it ran in. */
@TaskName("describe_context")
public class DescribeContext implements Task<Integer, String> {

    @Override
    public String call(Integer ignored, TaskContext ctx) {
        return ctx.jobId() + "/" + ctx.taskIndex() + "/" + ctx.redeliveries() + "/" + ctx.workerId();
    }
}
