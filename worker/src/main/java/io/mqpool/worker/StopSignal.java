package io.mqpool.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set once when the worker should finish its current chunk and exit. Thread-safe. */
final class StopSignal {

    private final AtomicBoolean requested = new AtomicBoolean();

    void request() {
        requested.set(true);
    }

    boolean isRequested() {
        return requested.get();
    }
}
