package io.mqpool.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set once when the worker should finish its current chunk and exit. Thread-safe: a drain
 * arrives on the stdin thread while the loop may be waiting for a chunk, so a request also
 * runs the loop's wake-up.
 */
final class StopSignal {

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Runnable onRequest = () -> { };

    void request() {
        requested.set(true);
        onRequest.run();
    }

    boolean isRequested() {
        return requested.get();
    }

    /**
     * Runs {@code wakeUp} on every later request, and at once if a stop was already requested.
     * It may run more than once, so it must be idempotent.
     */
    void onRequest(Runnable wakeUp) {
        onRequest = wakeUp;
        if (requested.get()) {
            wakeUp.run();
        }
    }
}
