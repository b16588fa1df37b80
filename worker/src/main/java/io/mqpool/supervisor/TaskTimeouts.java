package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills workers whose current task ran past its chunk's task timeout, checking every 100 ms on
 * thread {@code mqpool-task-timeouts}. A killed worker is marked, so that its death reads as a
 * timeout and its restart as no crash.
 */
final class TaskTimeouts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskTimeouts.class);
    static final Duration TICK = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<List<WorkerProcess>> processes;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /** @param processes the current processes; called on the timer thread, must not block long */
    TaskTimeouts(Supplier<List<WorkerProcess>> processes, Clock clock) {
        this.processes = processes;
        this.clock = clock;
        // The thread is created with the first scheduled task, not here.
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-task-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts checking. Call once. */
    void start() {
        timer.scheduleWithFixedDelay(this::checkAll, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops checking and waits up to 2 s for a check under way. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("thread mqpool-task-timeouts did not stop within {}",
                        Durations.inMessage(STOP_TIMEOUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkAll() {
        // An exception would end the periodic task for good: each check is caught on its own.
        List<WorkerProcess> current;
        try {
            current = processes.get();
        } catch (RuntimeException e) {
            LOG.error("cannot list the workers to check their task timeouts: {}", e.toString(), e);
            return;
        }
        Instant now = clock.instant();
        for (WorkerProcess process : current) {
            try {
                check(process, now);
            } catch (RuntimeException e) {
                LOG.error("checking the task timeout of worker {} failed: {}", process.id(),
                        e.toString(), e);
            }
        }
    }

    private static void check(WorkerProcess process, Instant now) {
        CurrentChunk chunk = process.currentChunk();
        if (chunk == null || !chunk.taskOverran(now) || process.killedForTimeout()
                || !process.isAlive()) {
            return;
        }
        LOG.warn("killing worker {} (pid {}): task {} of chunk {}:{} ran past its timeout of {}",
                process.id(), process.pid(), chunk.taskIndex(), chunk.jobId(), chunk.chunkNo(),
                Durations.inMessage(Duration.ofMillis(chunk.taskTimeoutMillis())));
        process.killForTimeout();
    }
}
