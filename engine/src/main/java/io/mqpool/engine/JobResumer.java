package io.mqpool.engine;

import io.mqpool.engine.dispatch.DispatchedJob;
import io.mqpool.engine.dispatch.Dispatcher;
import io.mqpool.engine.dispatch.StoredChunks;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import io.mqpool.jobs.JobPriority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After a restart: sends every job the store holds as running on from where it stopped. */
final class JobResumer {

    private static final Logger log = LoggerFactory.getLogger(JobResumer.class);

    private JobResumer() {
    }

    /** Resumes the running jobs; their chunks wait in the broker until workers are ready. */
    static void resumeRunningJobs(JobStore store, Dispatcher dispatcher, Deadlines deadlines) {
        for (JobRow job : store.runningJobs()) {
            if (job.totalChunks() == null) {
                // Its input was an iterator in a process that is gone: it can never be completed.
                log.warn("job {} was reading its input from a process that is gone; it is cancelled and "
                        + "keeps the outcomes it has", job.id());
                store.finish(job.id(), JobState.CANCELLED);
                continue;
            }
            if (job.jobTimeoutMillis() > 0) {
                deadlines.arm(job.id(), job.createdAt().plusMillis(job.jobTimeoutMillis()));
            }
            int done = store.chunksWithOutcomes(job.id());
            dispatcher.add(new DispatchedJob(job.id(), job.taskName(), job.taskTimeoutMillis(),
                            JobSpec.chunkLimit(job.maxInFlight(), job.chunksize()), false,
                            JobPriority.valueOf(job.priority())),
                    new StoredChunks(store, job.id(), job.chunksSent(), job.totalChunks()),
                    job.chunksSent(), done);
            log.info("resumed job {}: {} of {} chunks done", job.id(), done, job.totalChunks());
        }
    }
}
