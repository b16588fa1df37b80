package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.time.Duration;

/** The seed's demo task: sleeps two seconds, then says what n squared is. */
@TaskName("compute_square")
public class ComputeSquare implements Task<Integer, String> {

    private static final Duration PAUSE = Duration.ofSeconds(2);

    /**
     * Blocks for two seconds.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Override
    public String call(Integer n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(PAUSE.toMillis());
        return n + " squared is " + (n * n);
    }
}
