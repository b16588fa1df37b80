package io.mqpool.worker;

import io.mqpool.broker.TaskChunk;
import java.io.PrintStream;

/**
 * Tells the supervisor, on the worker's standard output, what the worker is doing: the ready
 * line, then {@code busy JOB CHUNK FIRST SIZE} when it takes a chunk and
 * {@code idle TASKS_DONE} once the chunk is committed. The supervisor reads these lines and
 * passes every other line on as the tasks' own output.
 */
final class StatusReporter {

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
        line("busy " + chunk.jobId() + " " + chunk.chunkNo() + " " + chunk.firstIndex() + " " + chunk.size());
    }

    void idle(int tasksJustDone) {
        tasksDone += tasksJustDone;
        line("idle " + tasksDone);
    }

    private void line(String status) {
        // One println is one write: the line cannot interleave with a task's own whole lines.
        synchronized (out) {
            out.println(PREFIX + status);
            out.flush();
        }
    }
}
