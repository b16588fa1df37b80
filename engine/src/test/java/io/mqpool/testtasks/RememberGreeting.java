package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An initializer: keeps its argument in the worker JVM, as a Python initializer sets a global,
 * and counts how often it ran there.
 */
@TaskName("remember_greeting")
public class RememberGreeting implements Task<String, String> {

    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile String greeting = "none";

    @Override
    public String call(String arg, TaskContext ctx) {
        greeting = arg;
        RUNS.incrementAndGet();
        return arg;
    }
}
