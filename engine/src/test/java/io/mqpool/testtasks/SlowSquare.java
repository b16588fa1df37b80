package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sleeps 2 ms and returns n²: long enough to be killed in the middle of, short enough for
 * thousands. Each run appends its task index to {@link #executionLog} of its job, so that a test
 * can count how often tasks ran.
 */
@TaskName("slow_square")
public class SlowSquare implements Task<Integer, Long> {

    @Override
    public Long call(Integer n, TaskContext ctx) throws InterruptedException, IOException {
        Path log = executionLog(ctx.jobId()).resolve(ProcessHandle.current().pid() + ".log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, ctx.taskIndex() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(2);
        return (long) n * n;
    }

    /** The directory where the runs of {@code jobId} are logged, one file per worker process. */
    public static Path executionLog(String jobId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "mqpool-executions-" + jobId);
    }
}
