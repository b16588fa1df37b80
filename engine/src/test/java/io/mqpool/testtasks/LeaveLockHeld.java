package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Takes the lock {@code lock} and returns its fence without releasing it. */
@TaskName("leave_lock_held")
public class LeaveLockHeld implements Task<String, Long> {

    @Override
    public Long call(String lock, TaskContext ctx) {
        return ctx.lock(lock).fence();
    }
}
