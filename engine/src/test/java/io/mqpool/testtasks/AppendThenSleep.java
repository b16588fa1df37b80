package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Takes {@code "FILE|MILLIS"}: appends a line with its task index and worker pid to FILE (one
 * line per execution, so tests count attempts), sleeps MILLIS, then returns the pid.
 */
@TaskName("append_then_sleep")
public class AppendThenSleep implements Task<String, Long> {
    @Override
    public Long call(String arg, TaskContext ctx) throws IOException, InterruptedException {
        int bar = arg.lastIndexOf('|');
        long pid = ProcessHandle.current().pid();
        Files.writeString(Path.of(arg.substring(0, bar)), ctx.taskIndex() + " " + pid + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(Long.parseLong(arg.substring(bar + 1)));
        return pid;
    }
}
