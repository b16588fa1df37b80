package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Returns what {@link GreetThisThread} left on this thread, and the thread's worker id: {@code hello t2}. */
@TaskName("read_thread_greeting")
public class ReadThreadGreeting implements Task<Integer, String> {
    @Override
    public String call(Integer n, TaskContext ctx) {
        return GreetThisThread.GREETING.get() + " " + ctx.workerId();
    }
}
