package io.mqpool.worker;

import io.mqpool.broker.TaskChunk;
import java.io.PrintStream;

/**
 * Tells the supervisor, on the worker's standard output, what the worker is doing: the ready
 * line, then {@code busy JOB CHUNK FIRST SIZE TIMEOUT_MS} when it takes a chunk,
 * {@code task INDEX} before each of its tasks runs, {@code last} after {@code busy} when the
 * chunk is the last before the worker retires, and {@code idle TASKS_DONE} once the chunk
 * is committed. The supervisor reads these lines and passes every other line on as the tasks'
 * own output.
 *
 * <p>The task lines let the supervisor time a task out, so only chunks with a task timeout get
 * them. Which task a dead worker was running the supervisor reads from the worker's
 * {@link CurrentTaskFile}, which costs next to nothing per task; a worker without one (not
 * supervised) prints task lines instead.
 */
final class StatusReporter implements TaskStartListener {

    private static final String PREFIX = "mqpool-worker ";

    private final PrintStream out;
    /** Null when the worker was started without one. */
    private final CurrentTaskFile currentTask;
    private long tasksDone;

    StatusReporter(PrintStream out, CurrentTaskFile currentTask) {
        this.out = out;
        this.currentTask = currentTask;
    }

    void ready(String workerId) {
        line("ready " + workerId + " " + ProcessHandle.current().pid());
    }

    void busy(TaskChunk chunk) {
        if (currentTask != null) {
            currentTask.chunkStarting(chunk.jobId(), chunk.chunkNo(), chunk.firstIndex());
        }
        line("busy " + chunk.jobId() + " " + chunk.chunkNo() + " " + chunk.firstIndex() + " "
                + chunk.size() + " " + chunk.taskTimeoutMillis());
    }

    @Override
    public void taskStarting(TaskChunk chunk, long taskIndex) {
        if (chunk.taskTimeoutMillis() > 0 || (currentTask == null && chunk.size() > 1)) {
            line("task " + taskIndex);
        } else if (currentTask != null) {
            currentTask.taskStarting(taskIndex);
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

    /** Tells the supervisor that the chunk just reported busy is the last before retirement. */
    void lastChunk() {
        line("last");
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
