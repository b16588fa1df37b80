package io.mqpool.jobs;

/**
 * A lock shared under one name by every task of a pool (or of a server), held by this task's
 * worker: the seed's {@code multiprocessing.Lock}, made safe across processes. Obtained already
 * held, from {@link TaskContext#lock} or {@link TaskContext#tryLock}, and released by
 * {@link #close()}:
 *
 * <pre>{@code
 * try (SharedLock held = ctx.lock("console")) {
 *     System.out.println("only one task prints at a time");
 * }
 * }</pre>
 *
 * <p>The hold belongs to the worker's session with the engine. When the worker dies, or its
 * session's heartbeat lapses (a worker paused, or cut off on another host), the engine
 * releases the lock at once and grants it to the next waiter. Every grant carries a
 * {@linkplain #fence() fencing token} larger than any before it, for a resource that can check
 * that its writers hold the lock. A holder whose session ended gets a
 * {@link LockOwnershipLostException} on its next use of the lock instead of carrying on as if
 * it still held it. A task that ends still holding a lock has it released for it.
 *
 * <p>Not reentrant: locking a lock this worker holds fails at once, where Python's would
 * block for ever.
 */
public interface SharedLock extends AutoCloseable {

    /** The lock's name. */
    String name();

    /** The fencing token of this grant: larger than that of every earlier grant of the lock. */
    long fence();

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException when this hold was released already
     * @throws LockOwnershipLostException when the engine ended this worker's session, so that
     *     another task may have held the lock meanwhile
     */
    void unlock();

    /**
     * Releases the lock unless {@link #unlock()} did already, so that a try-with-resources block
     * and an explicit {@code unlock()} go together.
     *
     * @throws LockOwnershipLostException when the engine ended this worker's session
     */
    @Override
    void close();
}
