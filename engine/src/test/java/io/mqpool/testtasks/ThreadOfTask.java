package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sleeps n ms, then returns {@code WORKER_ID THREAD_NAME daemon|user}, and keeps the thread it
 * ran on in {@link #SEEN} under its job id, for a test in the same JVM to watch that thread.
 */
@TaskName("thread_of_task")
public class ThreadOfTask implements Task<Integer, String> {

    public static final Map<String, Set<Thread>> SEEN = new ConcurrentHashMap<>();

    @Override
    public String call(Integer millis, TaskContext ctx) throws InterruptedException {
        Thread thread = Thread.currentThread();
        SEEN.computeIfAbsent(ctx.jobId(), job -> ConcurrentHashMap.newKeySet()).add(thread);
        Thread.sleep(millis);
        return ctx.workerId() + " " + thread.getName() + " " + (thread.isDaemon() ? "daemon" : "user");
    }
}
