package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.List;

/**
 * Sleeps n ms, meanwhile counting every 10 ms the live processes its worker's parent (the
 * supervisor's JVM) has, and returns {@code [most processes seen, task start, task end]}, the
 * times in epoch milliseconds.
 */
@TaskName("sleep_counting_workers")
public class SleepCountingWorkers implements Task<Integer, List<Long>> {
    @Override
    public List<Long> call(Integer millis, TaskContext ctx) throws InterruptedException {
        long start = System.currentTimeMillis();
        long most = 0;
        while (System.currentTimeMillis() - start < millis) {
            most = Math.max(most, ProcessHandle.current().parent()
                    .map(parent -> parent.children().filter(ProcessHandle::isAlive).count()).orElse(0L));
            Thread.sleep(10);
        }
        return List.of(most, start, System.currentTimeMillis());
    }
}
