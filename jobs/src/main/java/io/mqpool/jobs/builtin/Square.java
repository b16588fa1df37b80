package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** n², at once: the trivial task of {@code mqpool bench}, whose cost is all overhead. */
@TaskName("square")
public class Square implements Task<Long, Long> {

    @Override
    public Long call(Long n, TaskContext ctx) {
        return n * n;
    }
}
