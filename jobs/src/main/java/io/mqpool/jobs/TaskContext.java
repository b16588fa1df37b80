package io.mqpool.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * What a running task may know about where it runs. Handed to every {@link Task#call}.
 *
 * <p>Shared state across worker processes is reached through this context too, by name:
 * {@code ctx.counter("sum").addAndGet(x)}, {@code ctx.array("squares", 10)},
 * {@code try (var held = ctx.lock("console")) {…}}, {@code ctx.semaphore("db", 2)}.
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

    /**
     * This task's key, {@code JOB:INDEX}: the same on every run of the task, different for
     * every other task. Pass it to {@link SharedCounter#addOnce} to make an update once only.
     */
    default String taskKey() {
        return jobId() + ":" + taskIndex();
    }

    /**
     * The counter of this name, shared by every task of the pool (or server) and its caller;
     * created at 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or longer than 200 characters
     * @throws UnsupportedOperationException in a context that has no engine behind it (one
     *     made by hand, in a unit test of a task)
     */
    default SharedCounter counter(String name) {
        throw noEngine();
    }

    /**
     * The array of this name and size, shared by every task of the pool (or server) and its
     * caller; created with every element 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the size is not
     *     1 to 100,000
     * @throws SharedStateException on first use, when the array exists with another size
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default SharedArray array(String name, int size) {
        throw noEngine();
    }

    /**
     * The dictionary of this name, shared by every task of the pool (or server) and its caller:
     * the seed's {@code Manager().dict()}; empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default SharedMap map(String name) {
        throw noEngine();
    }

    /**
     * The list of this name, shared by every task of the pool (or server) and its caller: the
     * seed's {@code Manager().list()}; empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default SharedList list(String name) {
        throw noEngine();
    }

    /**
     * Blocks until this worker holds the lock of this name, shared by every task of the pool
     * (or server), and returns the hold: {@code try (var held = ctx.lock("console")) {…}}.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     * @throws SharedStateException when this worker holds the lock already (locks are not
     *     reentrant), or the name is a semaphore's
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default SharedLock lock(String name) {
        throw noEngine();
    }

    /**
     * Takes the lock of this name if it comes free within {@code wait}; empty if it did not.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the wait negative
     * @throws SharedStateException as {@link #lock(String)}
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default Optional<SharedLock> tryLock(String name, Duration wait) {
        throw noEngine();
    }

    /**
     * The semaphore of this name with {@code permits} permits, shared by every task of the pool
     * (or server); nothing is taken until {@link SharedSemaphore#acquire()}.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or permits below 1
     * @throws SharedStateException on first use, when the semaphore exists with another number
     *     of permits, or the name is a lock's
     * @throws UnsupportedOperationException in a context that has no engine behind it
     */
    default SharedSemaphore semaphore(String name, int permits) {
        throw noEngine();
    }

    private UnsupportedOperationException noEngine() {
        return new UnsupportedOperationException("shared state needs a task run by mqpool; this context ("
                + getClass().getSimpleName() + ") has no engine behind it");
    }
}
