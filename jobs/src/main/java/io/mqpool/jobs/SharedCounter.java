package io.mqpool.jobs;

/**
 * A whole number shared under one name by every task of a pool (or of a server) and its
 * caller: Python's {@code multiprocessing.Value('i')}, but each call is one atomic update, made
 * in the engine's store and durable once the call returns. There is no lock to forget:
 * {@code addAndGet} is the {@code with v.get_lock(): v.value += x} of the seed in one step.
 *
 * <p>An update made by a task whose worker later dies stays made, and the task runs again:
 * use {@link #addOnce} with {@link TaskContext#taskKey()} so that a retry does not add twice.
 * A counter starts at 0 on its first use.
 *
 * @throws SharedStateException from any method, when the engine cannot be reached or refuses
 */
public interface SharedCounter {

    /** The counter's name. */
    String name();

    /** The current value. */
    long get();

    /** Sets the value. */
    void set(long value);

    /** Adds {@code delta} (which may be negative) and returns the value after it. */
    long addAndGet(long delta);

    /** Sets the value to {@code update} if it is {@code expected}; returns whether it did. */
    boolean compareAndSet(long expected, long update);

    /**
     * Adds {@code delta} unless an update with the same {@code key} was already made to this
     * counter, and returns the value after it (or as it is, for a key seen before). A task
     * passes {@link TaskContext#taskKey()}, so that its retry after a worker died adds nothing.
     */
    long addOnce(String key, long delta);
}
