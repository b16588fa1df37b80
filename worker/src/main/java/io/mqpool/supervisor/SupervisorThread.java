package io.mqpool.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor's own thread, {@code mqpool-supervisor}: it restarts workers after their pause
 * and checks their start deadlines. A daemon, created with the first task, not before.
 */
final class SupervisorThread implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    SupervisorThread() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} on the thread after {@code delay}. Does not block.
     *
     * @throws java.util.concurrent.RejectedExecutionException once closed
     */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops every task not yet run and interrupts one under way; does not wait. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
