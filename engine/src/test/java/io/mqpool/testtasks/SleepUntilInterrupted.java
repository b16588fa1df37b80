package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sleeps n ms and returns n; interrupted, it notes {@code JOB:INDEX:REDELIVERIES} in
 * {@link #INTERRUPTED} and gives up. A pool of threads runs it in the test's JVM, so the test
 * reads the note: proof that the task was interrupted, not merely abandoned. It notes the same
 * in {@link #STARTED} when it starts.
 */
@TaskName("sleep_until_interrupted")
public class SleepUntilInterrupted implements Task<Integer, Integer> {

    public static final List<String> INTERRUPTED = new CopyOnWriteArrayList<>();
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();

    @Override
    public Integer call(Integer millis, TaskContext ctx) throws InterruptedException {
        STARTED.add(ctx.jobId() + ":" + ctx.taskIndex() + ":" + ctx.redeliveries());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            INTERRUPTED.add(ctx.jobId() + ":" + ctx.taskIndex() + ":" + ctx.redeliveries());
            throw e;
        }
        return millis;
    }

    /** The notes of the tasks of {@code jobId} that were interrupted. */
    public static List<String> of(String jobId) {
        return INTERRUPTED.stream().filter(note -> note.startsWith(jobId + ":")).toList();
    }

    /** The notes of the tasks of {@code jobId} that started. */
    public static List<String> startedOf(String jobId) {
        return STARTED.stream().filter(note -> note.startsWith(jobId + ":")).toList();
    }
}
