package io.mqpool.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's timer: ends jobs that run past their job timeout, and stops the running tasks of
 * an ended job after a grace period. Deadlines live in the store (created time plus timeout), so
 * they are armed again after a restart; one that passed while the server was down fires at once.
 */
final class Deadlines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    private final Clock clock;
    private final Consumer<String> expire;
    private final ScheduledExecutorService timer;

    /** @param expire ends the job with the given id; runs on the timer's thread */
    Deadlines(Clock clock, Consumer<String> expire) {
        this.clock = clock;
        this.expire = expire;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
    }

    /** Ends {@code jobId} at {@code deadline} unless it has finished by then. Does not block. */
    void arm(String jobId, Instant deadline) {
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        timer.schedule(() -> {
            try {
                expire.accept(jobId);
            } catch (RuntimeException e) {
                log.error("ending job {} at its deadline failed: {}", jobId, e.toString(), e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} after {@code delay} on the timer's thread. Does not block. */
    void later(Duration delay, Runnable action) {
        timer.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("a timed action failed: {}", e.toString(), e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the timer; deadlines not reached yet are dropped (the store still has them). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the deadline timer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
