package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Returns what the initializer left in this worker JVM, and how often it ran. */
@TaskName("read_greeting")
public class ReadGreeting implements Task<Integer, String> {
    @Override
    public String call(Integer n, TaskContext ctx) {
        return RememberGreeting.greeting + ":" + RememberGreeting.RUNS.get();
    }
}
