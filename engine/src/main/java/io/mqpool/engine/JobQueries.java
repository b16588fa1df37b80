package io.mqpool.engine;

import io.mqpool.engine.store.DurationHistogram;
import io.mqpool.engine.store.FailedChunk;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.TaskAttempts;
import io.mqpool.engine.store.TaskDurations;
import io.mqpool.engine.store.TimeBucket;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP server, the web UI and the pool may ask about jobs: read-only questions to the
 * store, answered with its records. Whatever changes a job goes through the {@link Engine}.
 */
public final class JobQueries {

    private final JobStore store;

    JobQueries(JobStore store) {
        this.store = store;
    }

    public Optional<JobRow> job(String jobId) {
        return store.job(jobId);
    }

    /** How many jobs the store holds, in any state. */
    public long jobCount() {
        return store.jobCount();
    }

    /**
     * A page of jobs, newest first.
     *
     * @param state only jobs in this state; null for all
     * @param taskContains only jobs whose task name holds this, ignoring case; null for all
     * @param beforeSeq only jobs older than this {@link JobRow#seq()}; null to start at the newest
     */
    public List<JobRow> jobsNewestFirst(JobState state, String taskContains, Long beforeSeq, int limit) {
        return store.jobsNewestFirst(state, taskContains, beforeSeq, limit);
    }

    public List<JobRow> runningJobs() {
        return store.runningJobs();
    }

    /** The arguments JSON array of one chunk, to report which argument failed. */
    public Optional<String> chunkArgs(String jobId, int chunkNo) {
        return store.chunkArgs(jobId, chunkNo);
    }

    /** The worker deaths recorded against one task, to show its attempts; empty if none. */
    public Optional<TaskAttempts> attempts(String jobId, long taskIndex) {
        return store.attempts(jobId, taskIndex);
    }

    /** The worker deaths recorded against the tasks {@code fromIndex ..< toIndex}, in index order. */
    public List<TaskAttempts> attempts(String jobId, long fromIndex, long toIndex) {
        return store.attempts(jobId, fromIndex, toIndex);
    }

    /** Chunks {@code fromChunk ..} of a job with at least one failed task, in chunk order. */
    public List<FailedChunk> chunksWithFailures(String jobId, int fromChunk, int limit) {
        return store.chunksWithFailures(jobId, fromChunk, limit);
    }

    /**
     * For a job made of another's failed tasks: the index each task had there, as a JSON array.
     * Empty for a fresh job or none.
     */
    public Optional<String> sourceIndexes(String jobId) {
        return store.sourceIndexes(jobId);
    }

    /**
     * Tasks finished per interval of {@code bucketMillis} from {@code sinceMillis} on, by the
     * workers' clocks, in time order; empty intervals are left out.
     *
     * @param jobId one job's tasks; null for every job's
     */
    public List<TimeBucket> finishedPerBucket(String jobId, long sinceMillis, long bucketMillis) {
        return store.finishedPerBucket(jobId, sinceMillis, bucketMillis);
    }

    /** When the first and the last of a job's chunks finished (epoch ms), if any did. */
    public Optional<long[]> finishSpan(String jobId) {
        return store.finishSpan(jobId);
    }

    /**
     * How long a job's tasks took, in the buckets the stats endpoints use: each chunk's mean,
     * per task (the workers time chunks, not tasks).
     */
    public TaskDurations taskDurations(String jobId) {
        DurationHistogram histogram = store.taskDurations(jobId,
                new DurationHistogram(DurationHistogram.DEFAULT_BOUNDS_MS));
        return new TaskDurations(DurationHistogram.DEFAULT_BOUNDS_MS, histogram.counts());
    }
}
