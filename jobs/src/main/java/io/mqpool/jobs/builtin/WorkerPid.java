package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** The process id of the worker that ran it; tests use it to see distinct worker processes. */
@TaskName("worker_pid")
public class WorkerPid implements Task<Integer, Long> {

    /** Ignores its argument. Does not block. */
    @Override
    public Long call(Integer ignored, TaskContext ctx) {
        return ProcessHandle.current().pid();
    }
}
