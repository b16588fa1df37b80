package io.mqpool.engine;

import io.mqpool.broker.QueuedChunks;
import io.mqpool.engine.dispatch.Dispatcher;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import io.mqpool.supervisor.Supervisor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends running jobs before their tasks are done, for a cancel or a job timeout: the chunks stop
 * going out everywhere they wait — the dispatcher, the broker, the workers' prefetch — and the
 * tasks still running are stopped. Thread-safe.
 */
final class JobEnder {

    private static final Logger log = LoggerFactory.getLogger(JobEnder.class);
    /** How long the running tasks of a cancelled or timed-out job may take to finish by themselves. */
    private static final Duration RUNNING_TASKS_GRACE = Duration.ofSeconds(1);

    private final JobStore store;
    private final Dispatcher dispatcher;
    private final QueuedChunks queuedChunks;
    private final Supervisor supervisor;
    private final JobEvents events;
    private final Deadlines deadlines;

    JobEnder(JobStore store, Dispatcher dispatcher, QueuedChunks queuedChunks, Supervisor supervisor,
             JobEvents events, Deadlines deadlines) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.queuedChunks = queuedChunks;
        this.supervisor = supervisor;
        this.events = events;
        this.deadlines = deadlines;
    }

    /**
     * Ends a running job: no more of its chunks are sent, its queued chunks are removed, and it
     * moves to {@code state}; outcomes already recorded stay. With {@code stopRunning}, the
     * workers still running its chunks after a grace period are replaced. Does not block for them.
     *
     * @return false if the job had already finished
     */
    boolean end(String jobId, JobState state, boolean stopRunning) {
        dispatcher.remove(jobId);
        boolean ended = store.finish(jobId, state);
        if (ended) {
            int removed = queuedChunks.removeQueuedChunks(jobId);
            // Workers hold a few chunks ahead of the one they run: those are dropped unrun.
            supervisor.skipChunksOf(jobId);
            log.info("job {} is {}: {} queued chunks removed", jobId, state, removed);
            events.finished(jobId, state);
            // Tasks cannot be stopped from outside their JVM: after a grace period for the ones
            // about to finish, the workers still running this job's chunks are replaced.
            if (stopRunning) {
                deadlines.later(RUNNING_TASKS_GRACE, () -> supervisor.stopChunksOf(jobId));
            }
        }
        return ended;
    }
}
