package io.mqpool.worker;

import io.mqpool.broker.TaskChunk;
import java.io.PrintStream;

/**
 * Tells the supervisor, on the worker's standard output, what the worker is doing: the ready
 * line, then {@code busy JOB CHUNK FIRST SIZE TIMEOUT_MS} when it takes a chunk,
 * {@code task INDEX} before each of its tasks runs and {@code idle TASKS_DONE} once the chunk
 * is committed. The supervisor reads these lines and passes every other line on as the tasks'
 * own output.
 *
 * <p>The task lines let the supervisor name the task a dead worker was running and time it
 * out. A chunk of one task without a timeout gets none: its busy line says it all, and the
 * pipe stays quiet for the tiny tasks that are sent one by one.
 */
final class StatusReporter implements TaskStartListener {

    private static final String PREFIX = "mqpool-worker ";

    private final PrintStream out;
    private long tasksDone;

    StatusReporter(PrintStream out) {
        this.out = out;
    }

    void ready(String workerId) {
        line("ready " + workerId + " " + ProcessHandle.current().pid());
    }

    void busy(TaskChunk chunk) {
        line("busy " + chunk.jobId() + " " + chunk.chunkNo() + " " + chunk.firstIndex() + " "
                + chunk.size() + " " + chunk.taskTimeoutMillis());
    }

    @Override
    public void taskStarting(TaskChunk chunk, long taskIndex) {
        if (chunk.size() > 1 || chunk.taskTimeoutMillis() > 0) {
            line("task " + taskIndex);
        }
    }

    void idle(int tasksJustDone) {
        tasksDone += tasksJustDone;
        line("idle " + tasksDone);
    }

    /** Tasks this worker has finished and committed. */
    long tasksDone() {
        return tasksDone;
    }

    /** Tells the supervisor that the worker exits next because it did its share of tasks. */
    void retiring() {
        line("retiring " + tasksDone);
    }

    private void line(String status) {
        // One println is one write: the line cannot interleave with a task's own whole lines.
        synchronized (out) {
            out.println(PREFIX + status);
            out.flush();
        }
    }
}
