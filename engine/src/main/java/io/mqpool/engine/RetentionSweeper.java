package io.mqpool.engine;

import io.mqpool.config.Durations;
import io.mqpool.engine.store.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs whose retention has passed, in the background on a thread of its own
 * ({@code mqpool-retention}): every {@link #INTERVAL}, a few jobs at a time, each job's chunks a
 * bounded number to a transaction (see {@link JobStore#delete}), so running jobs' writes are never
 * held up for long. After a sweep that deleted something, it lets the store reclaim the space.
 */
final class RetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    /** How often expired jobs are looked for. */
    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Jobs deleted in one batch. */
    static final int JOBS_PER_BATCH = 20;
    /** Batches in one sweep at most; what is left waits for the next. */
    static final int BATCHES_PER_SWEEP = 10;

    private final JobStore store;
    private final Duration defaultRetention;
    private final ScheduledThreadPoolExecutor timer;

    /** @param defaultRetention for jobs without a retention of their own; zero keeps them */
    RetentionSweeper(JobStore store, Duration defaultRetention) {
        this.store = store;
        this.defaultRetention = defaultRetention;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts sweeping every {@link #INTERVAL}. Does not block. */
    void start() {
        log.debug("finished jobs are deleted {}", defaultRetention.isZero() ? "only when they carry a retention"
                : "after " + Durations.format(defaultRetention) + " unless they carry a retention of their own");
        timer.scheduleWithFixedDelay(this::sweep, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sweep: deletes expired jobs, a batch at a time, then reclaims their space. */
    void sweep() {
        try {
            int deleted = 0;
            for (int batch = 0; batch < BATCHES_PER_SWEEP && !Thread.currentThread().isInterrupted(); batch++) {
                List<String> ids = store.deleteExpired(defaultRetention, JOBS_PER_BATCH);
                deleted += ids.size();
                if (ids.size() < JOBS_PER_BATCH) {
                    break;
                }
            }
            if (deleted > 0) {
                log.debug("deleted {} finished jobs whose retention had passed", deleted);
                store.reclaimSpace();
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a store that stays broken is reported by every other part too.
            log.warn("deleting expired jobs failed: {}", e.getMessage());
        }
    }

    /** Stops sweeping; a sweep under way ends after its current transaction. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the retention sweeper did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
