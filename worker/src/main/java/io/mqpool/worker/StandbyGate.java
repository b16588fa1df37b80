package io.mqpool.worker;

import java.util.concurrent.CountDownLatch;

/**
 * Holds a standby worker back from taking chunks until its supervisor says {@code go} on stdin.
 * A supervisor starts a standby ahead of a worker's retirement, so that the JVM start-up is
 * done by the time the retiring worker exits and the pool never runs more workers than it has.
 * Thread-safe: opened on the stdin thread, awaited on the main thread.
 */
final class StandbyGate {

    private final CountDownLatch go;

    private StandbyGate(boolean open) {
        this.go = new CountDownLatch(open ? 0 : 1);
    }

    /** A gate that never holds anyone back: a worker that is not on standby. */
    static StandbyGate open() {
        return new StandbyGate(true);
    }

    /** A gate closed until {@link #release()}. */
    static StandbyGate closed() {
        return new StandbyGate(false);
    }

    /** Lets the worker go on: the supervisor said go, or asked it to drain. Idempotent. */
    void release() {
        go.countDown();
    }

    boolean isReleased() {
        return go.getCount() == 0;
    }

    /**
     * Blocks until {@link #release()}.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void await() throws InterruptedException {
        go.await();
    }
}
