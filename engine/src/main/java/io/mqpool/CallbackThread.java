package io.mqpool;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a pool that reads finished jobs' outcomes and runs their callbacks, in the
 * order jobs finish (Python's result handler thread). It knows its own thread, so that a
 * callback waiting for another result can be helped instead of waiting for itself.
 */
final class CallbackThread implements Executor {

    private final ExecutorService executor;
    private volatile Thread thread;

    CallbackThread() {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, "mqpool-callbacks");
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    /** Whether the caller is this pool's callback thread. */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Lets the queued work finish, waiting up to {@code seconds}, then interrupts it. Called from
     * the callback thread itself (a callback closing the pool), it does not wait for itself.
     */
    void stop(long seconds) {
        executor.shutdown();
        if (isCurrent()) {
            return;
        }
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Drops the queued work and interrupts a running callback. Does not wait. */
    void stopNow() {
        executor.shutdownNow();
    }
}
