package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An initializer for a pool of threads: keeps its argument in a {@code ThreadLocal} of the
 * thread it runs on, and notes that thread's worker id in {@link #INITIALIZED}.
 */
@TaskName("greet_this_thread")
public class GreetThisThread implements Task<String, String> {

    public static final List<String> INITIALIZED = new CopyOnWriteArrayList<>();
    static final ThreadLocal<String> GREETING = ThreadLocal.withInitial(() -> "none");

    @Override
    public String call(String greeting, TaskContext ctx) {
        GREETING.set(greeting);
        INITIALIZED.add(ctx.workerId());
        return greeting;
    }
}
