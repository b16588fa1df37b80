package io.mqpool.testtasks;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;

/**
 * A task base whose {@code call} returns whatever {@link #produce} makes, unchecked: inside this
 * class {@code R} erases to {@code Object}, so nothing stops a value of another type from
 * reaching the worker's JSON encoder. It makes tasks whose results do not fit their declared
 * {@code R}, as a task compiled against an older result type would.
 */
public abstract class UncheckedResult<R> implements Task<Integer, R> {

    @Override
    @SuppressWarnings("unchecked") // deliberately unchecked: that is what this base is for
    public R call(Integer n, TaskContext ctx) {
        return (R) produce(n);
    }

    /** The value the task returns, of any type. */
    protected abstract Object produce(int n);
}
