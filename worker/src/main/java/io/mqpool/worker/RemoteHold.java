package io.mqpool.worker;

import io.mqpool.broker.StateSession;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedSemaphore;

/**
 * A grant this worker holds: a lock, or one permit of a semaphore. Released once; a second
 * {@code unlock()} or {@code release()} is an error, a second {@code close()} is not.
 */
final class RemoteHold implements SharedLock, SharedSemaphore.Permit {

    private final LockHolds holds;
    private final boolean lock;
    private final String name;
    private final long fence;
    private final StateSession session;
    private boolean released;
    private volatile String lostReason;

    RemoteHold(LockHolds holds, boolean lock, String name, long fence, StateSession session) {
        this.holds = holds;
        this.lock = lock;
        this.name = name;
        this.fence = fence;
        this.session = session;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long fence() {
        return fence;
    }

    boolean isLock() {
        return lock;
    }

    StateSession session() {
        return session;
    }

    /** Why the engine took this grant back, or null while it holds. */
    String lostReason() {
        return lostReason;
    }

    void markLost(String reason) {
        lostReason = reason;
    }

    @Override
    public void unlock() {
        releaseOnce();
    }

    @Override
    public void release() {
        releaseOnce();
    }

    @Override
    public synchronized void close() {
        if (!released) {
            releaseOnce();
        }
    }

    private synchronized void releaseOnce() {
        if (released) {
            throw new IllegalMonitorStateException((lock ? "the lock '" : "this permit of the semaphore '") + name
                    + "' was released already");
        }
        released = true;
        holds.release(this);
    }

    @Override
    public String toString() {
        return (lock ? "lock '" : "permit of semaphore '") + name + "' (fence " + fence + ")";
    }
}
