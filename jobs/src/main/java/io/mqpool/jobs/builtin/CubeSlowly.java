package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * n³ after 10 ms: a task whose every result differs and that takes long enough for a job of many
 * to be interrupted in the middle (the multi-host tests cut links and kill workers under it).
 */
@TaskName("cube_slowly")
public class CubeSlowly implements Task<Long, Long> {

    static final long SLEEP_MILLIS = 10;

    /**
     * Blocks for 10 ms.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Override
    public Long call(Long n, TaskContext ctx) throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
        return n * n * n;
    }
}
