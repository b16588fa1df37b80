package io.mqpool.jobs;

/**
 * What a running task may know about where it runs. Handed to every {@link Task#call}.
 *
 * <p>Shared state across worker processes (counters, arrays, locks, semaphores) is reached
 * through this context as well; those methods arrive with the shared-state capability.
 */
public interface TaskContext {

    /** The id of the job this task belongs to. */
    String jobId();

    /** This task's position in the job's input, from 0. */
    long taskIndex();

    /** How many times this task has been delivered before this run (0 on the first run). */
    int redeliveries();

    /** The id of the worker process running the task, such as {@code w3}. */
    String workerId();
}
