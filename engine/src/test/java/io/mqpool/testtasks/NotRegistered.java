package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** A task that is deliberately missing from META-INF/services: it must never run. */
@TaskName("not_registered")
public class NotRegistered implements Task<Integer, Integer> {
    @Override
    public Integer call(Integer n, TaskContext ctx) {
        return n;
    }
}
