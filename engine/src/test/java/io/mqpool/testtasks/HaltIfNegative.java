package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Returns n, or kills its own worker JVM at once (exit code -n) for a negative n. */
@TaskName("halt_if_negative")
public class HaltIfNegative implements Task<Integer, Integer> {
    @Override
    public Integer call(Integer n, TaskContext ctx) {
        if (n < 0) {
            Runtime.getRuntime().halt(-n);
        }
        return n;
    }
}
