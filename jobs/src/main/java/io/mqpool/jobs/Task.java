package io.mqpool.jobs;

/**
 * A unit of work that mqpool runs in a worker process.
 *
 * <p>Implementations carry a stable name ({@link TaskName}) and are registered through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.mqpool.jobs.Task}). Only
 * registered tasks ever run: a name arriving from a form, the command line or a message is
 * looked up in the {@link TaskRegistry}, never loaded as an arbitrary class.
 *
 * <p>The argument and the result cross process boundaries as JSON (Jackson), typed by
 * {@code A} and {@code R}. A record argument type makes a task take several arguments:
 * {@code starmap} binds each tuple positionally to the record's components.
 *
 * <p>One instance serves every call in a worker, so implementations must not keep
 * per-call state in fields.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
public interface Task<A, R> {

    /**
     * Runs the task once. Blocks for as long as the work takes.
     *
     * @throws Exception any failure; it is recorded as this task's outcome and re-thrown at
     *     the caller as a {@code TaskFailedException} carrying its class, message and stack
     */
    R call(A arg, TaskContext ctx) throws Exception;
}
