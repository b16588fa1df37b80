package io.mqpool.engine;

import io.mqpool.config.Durations;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the running jobs for progress on a thread of its own ({@code mqpool-stuck-jobs}):
 * a job whose count of recorded outcomes has not moved for longer than {@code jobs.stuck-after}
 * (or its task timeout, when that is longer: one task may rightly run that long) is stuck. It is
 * logged once when it becomes stuck and once when it moves again, and listed while it is.
 * Progress is seen at each check, so a job is flagged at most one check interval late.
 */
final class StuckJobs implements AutoCloseable {

    /** The longest time between two checks. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(30);
    /** The shortest, for small thresholds in tests. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(StuckJobs.class);

    private final JobStore store;
    private final Duration stuckAfter;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Instant startedAt;
    /** Touched only on the timer's thread. */
    private final Map<String, Progress> seen = new HashMap<>();
    private volatile List<StuckJob> stuck = List.of();

    /** What was last seen of a running job: its outcomes, since when, and whether it was reported stuck. */
    private record Progress(long tasksDone, Instant since, boolean reported) {
    }

    /** A watch that checks only when {@link #check()} is called; {@link #start} schedules the checks. */
    StuckJobs(JobStore store, Duration stuckAfter, Clock clock) {
        this.store = store;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
        this.startedAt = clock.instant();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-stuck-jobs");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
    }

    /** Starts checking every quarter of {@code stuckAfter} (100 ms to 30 s). Does not block. */
    static StuckJobs start(JobStore store, Duration stuckAfter, Clock clock) {
        StuckJobs watch = new StuckJobs(store, stuckAfter, clock);
        long interval = intervalFor(stuckAfter).toMillis();
        watch.timer.scheduleWithFixedDelay(watch::checkLogged, interval, interval, TimeUnit.MILLISECONDS);
        return watch;
    }

    static Duration intervalFor(Duration stuckAfter) {
        Duration quarter = stuckAfter.dividedBy(4);
        return quarter.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL
                : quarter.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : quarter;
    }

    /** The jobs stuck at the last check, the longest stuck first. Does not block. */
    List<StuckJob> jobs() {
        return stuck;
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("checking the running jobs for progress failed: {}", e.getMessage());
        }
    }

    /** Compares each running job's outcomes with the last check's; blocks on the store. Not thread-safe: one thread checks. */
    void check() {
        Instant now = clock.instant();
        List<JobRow> running = store.runningJobs();
        Set<String> ids = running.stream().map(JobRow::id).collect(Collectors.toSet());
        seen.entrySet().removeIf(entry -> {
            boolean ended = !ids.contains(entry.getKey());
            if (ended && entry.getValue().reported()) {
                log.info("job {} is no longer stuck: it ended", entry.getKey());
            }
            return ended;
        });
        List<StuckJob> found = new ArrayList<>();
        for (JobRow job : running) {
            Progress last = seen.get(job.id());
            if (last == null || last.tasksDone() != job.tasksDone()) {
                if (last != null && last.reported()) {
                    log.info("job {} progresses again: {} tasks done", job.id(), job.tasksDone());
                }
                // A job first seen is counted from its creation, or from this watch's start for one
                // resumed after a restart.
                Instant since = last == null && job.createdAt().isAfter(startedAt) ? job.createdAt()
                        : last == null ? startedAt : now;
                seen.put(job.id(), new Progress(job.tasksDone(), since, false));
                continue;
            }
            Duration threshold = thresholdOf(job);
            Duration idle = Duration.between(last.since(), now);
            if (idle.compareTo(threshold) <= 0) {
                continue;
            }
            if (!last.reported()) {
                log.warn("job {} ({}) is stuck: no outcome recorded for {} (threshold {}); {} of {} tasks done",
                        job.id(), job.taskName(), Durations.forPeople(idle), Durations.format(threshold),
                        job.tasksDone(), job.totalTasks() == null ? "?" : job.totalTasks());
                seen.put(job.id(), new Progress(last.tasksDone(), last.since(), true));
            }
            found.add(new StuckJob(job.id(), job.taskName(), last.since(), threshold));
        }
        found.sort(Comparator.comparing(StuckJob::since));
        stuck = List.copyOf(found);
    }

    private Duration thresholdOf(JobRow job) {
        Duration timeout = Duration.ofMillis(job.taskTimeoutMillis());
        return timeout.compareTo(stuckAfter) > 0 ? timeout : stuckAfter;
    }

    /** Stops the checks. Idempotent; waits up to 5 s for a check under way. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the stuck-job watch did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
