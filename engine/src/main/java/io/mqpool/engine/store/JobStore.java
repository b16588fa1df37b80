package io.mqpool.engine.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs and their chunks in H2. Every method blocks on the database and throws
 * {@link StoreException} when it fails; each runs in one transaction.
 */
public final class JobStore implements AutoCloseable {

    /** Chunks deleted in one transaction when a job is deleted. */
    static final int CHUNKS_PER_TRANSACTION = 1000;

    private final Database database;
    private final Clock clock;
    private final JobTable jobs = new JobTable();
    private final ChunkTable chunks = new ChunkTable();
    private final AttemptTable attempts = new AttemptTable();
    private final AtomicLong completionSeq;
    private final SharedCounters counters;
    private final SharedArrays arrays;
    private final SharedLocks locks;
    private final SharedCollections collections;
    private final StoreReadings readings;

    private JobStore(Database database, StoreLocation location, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.readings = new StoreReadings(database, location, jobs);
        this.counters = new SharedCounters(database, clock);
        this.arrays = new SharedArrays(database, clock);
        this.locks = new SharedLocks(database, clock);
        this.collections = new SharedCollections(database, clock);
        this.completionSeq = new AtomicLong(database.read("read the last completion number",
                chunks::maxCompletionSeq));
    }

    /** The shared counters, kept in the same database. */
    public SharedCounters counters() {
        return counters;
    }

    /** The shared arrays, kept in the same database. */
    public SharedArrays arrays() {
        return arrays;
    }

    /** The shared maps and lists, kept in the same database. */
    public SharedCollections collections() {
        return collections;
    }

    /** Cheap readings for metrics and health: jobs per state, size on disk, a round trip. */
    public StoreReadings readings() {
        return readings;
    }

    /** The shared locks' and semaphores' kinds and fences, kept in the same database. */
    public SharedLocks locks() {
        return locks;
    }

    /** Opens the H2 store in {@code dir}, creating the database on first use. */
    public static JobStore open(Path dir, Clock clock) {
        return open(StoreLocation.h2(dir), clock);
    }

    /**
     * Opens the store at {@code location}, creating its schema on first use.
     *
     * @throws StoreException with a one-line reason if it cannot be reached or migrated
     */
    public static JobStore open(StoreLocation location, Clock clock) {
        return new JobStore(Database.open(location), location, clock);
    }

    /** Stores a job and its first chunks (for a fully known input: all of them) together. */
    public void create(NewJob job, List<NewChunk> firstChunks, Long totalTasks) {
        database.inTransaction("store job " + job.id(), c -> {
            jobs.insert(c, job);
            chunks.insert(c, job.id(), firstChunks);
            if (totalTasks != null) {
                jobs.setTotals(c, job.id(), totalTasks, firstChunks.size());
            }
            return null;
        });
    }

    /** Stores more chunks of a job whose input is read lazily. */
    public void appendChunks(String jobId, List<NewChunk> more) {
        database.inTransaction("store chunks of job " + jobId, c -> {
            chunks.insert(c, jobId, more);
            return null;
        });
    }

    /**
     * Records that a lazily read input has ended.
     *
     * @return the job's new state if that made it finish
     */
    public Optional<JobState> closeInput(String jobId, long totalTasks, int totalChunks) {
        return database.inTransaction("close the input of job " + jobId, c -> {
            jobs.setTotals(c, jobId, totalTasks, totalChunks);
            return jobs.finishIfAllDone(c, jobId, clock.instant());
        });
    }

    /** Finishes a running job whose every task has an outcome (an empty job at once). */
    public Optional<JobState> finishIfAllDone(String jobId) {
        return database.inTransaction("finish job " + jobId, c -> jobs.finishIfAllDone(c, jobId, clock.instant()));
    }

    public void recordSent(String jobId, int chunksSent) {
        database.inTransaction("record chunks sent of job " + jobId, c -> {
            jobs.setChunksSent(c, jobId, chunksSent);
            return null;
        });
    }

    public List<StoredChunk> chunksFrom(String jobId, int fromChunk, int limit) {
        return database.read("read chunks of job " + jobId, c -> chunks.from(c, jobId, fromChunk, limit));
    }

    /**
     * Records a batch of results in one transaction, keeping the first outcome of each chunk.
     * Returns once the write is durable, so the caller may then acknowledge the messages.
     */
    public RecordedBatch record(List<RecordedResult> results) {
        return database.inTransaction("record " + results.size() + " results", c -> {
            long firstSeq = completionSeq.get() + 1;
            boolean[] recorded = chunks.recordOutcomes(c, results, firstSeq, clock.millis());
            Map<String, long[]> perJob = new LinkedHashMap<>();
            int duplicates = 0;
            for (int i = 0; i < recorded.length; i++) {
                RecordedResult result = results.get(i);
                if (recorded[i]) {
                    long[] counts = perJob.computeIfAbsent(result.jobId(), id -> new long[3]);
                    counts[0] += result.size();
                    counts[1] += result.outcomes().failures();
                    counts[2]++;
                } else {
                    duplicates++;
                }
            }
            Map<String, Integer> newChunks = new LinkedHashMap<>();
            List<FinishedJob> finished = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : perJob.entrySet()) {
                jobs.addDone(c, entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
                newChunks.put(entry.getKey(), (int) entry.getValue()[2]);
                jobs.finishIfAllDone(c, entry.getKey(), clock.instant())
                        .ifPresent(state -> finished.add(new FinishedJob(entry.getKey(), state)));
            }
            completionSeq.addAndGet(recorded.length);
            List<RecordedResult> firstOutcomes = new ArrayList<>(recorded.length - duplicates);
            for (int i = 0; i < recorded.length; i++) {
                if (recorded[i]) {
                    firstOutcomes.add(results.get(i));
                }
            }
            return new RecordedBatch(newChunks, finished, duplicates, firstOutcomes);
        });
    }

    public Optional<JobRow> job(String jobId) {
        return database.read("read job " + jobId, c -> jobs.find(c, jobId));
    }

    /** How many jobs the store holds, in any state. */
    public long jobCount() {
        return database.read("count jobs", jobs::count);
    }

    /**
     * A page of jobs, newest first.
     *
     * @param state only jobs in this state; null for all
     * @param beforeSeq only jobs older than this {@link JobRow#seq()}; null to start at the newest
     */
    public List<JobRow> jobsNewestFirst(JobState state, Long beforeSeq, int limit) {
        return jobsNewestFirst(state, null, beforeSeq, limit);
    }

    /**
     * A page of jobs, newest first, like {@link #jobsNewestFirst(JobState, Long, int)}.
     *
     * @param taskContains only jobs whose task name holds this, ignoring case; null for all
     */
    public List<JobRow> jobsNewestFirst(JobState state, String taskContains, Long beforeSeq, int limit) {
        return database.read("read jobs", c -> jobs.newestFirst(c, state, taskContains, beforeSeq, limit));
    }

    public List<JobRow> runningJobs() {
        return database.read("read running jobs", c -> jobs.inState(c, JobState.RUNNING));
    }

    public int chunksWithOutcomes(String jobId) {
        return database.read("count results of job " + jobId, c -> chunks.countWithOutcomes(c, jobId));
    }

    /** Outcomes of chunks {@code fromChunk ..} in input order, up to the first chunk still missing. */
    public List<ChunkOutcomes> outcomesInIndexOrder(String jobId, int fromChunk, int limit) {
        return database.read("read results of job " + jobId,
                c -> chunks.inIndexOrder(c, jobId, fromChunk, limit));
    }

    /**
     * Outcomes of chunks {@code fromChunk ..} in input order, skipping chunks that have none: for
     * a finished job, whose missing chunks will never have any.
     */
    public List<ChunkOutcomes> recordedOutcomesFrom(String jobId, int fromChunk, int limit) {
        return recordedOutcomesFrom(jobId, fromChunk, limit, false);
    }

    /** Like {@link #recordedOutcomesFrom(String, int, int)}; with {@code onlyFailed} only chunks with a failure. */
    public List<ChunkOutcomes> recordedOutcomesFrom(String jobId, int fromChunk, int limit, boolean onlyFailed) {
        return database.read("read results of job " + jobId,
                c -> chunks.recordedFrom(c, jobId, fromChunk, limit, onlyFailed));
    }

    /** Outcomes recorded after completion number {@code afterSeq}, in completion order. */
    public List<ChunkOutcomes> outcomesInCompletionOrder(String jobId, long afterSeq, int limit) {
        return outcomesInCompletionOrder(jobId, afterSeq, limit, false);
    }

    /** Like {@link #outcomesInCompletionOrder(String, long, int)}; with {@code onlyFailed} only chunks with a failure. */
    public List<ChunkOutcomes> outcomesInCompletionOrder(String jobId, long afterSeq, int limit, boolean onlyFailed) {
        return database.read("read results of job " + jobId,
                c -> chunks.inCompletionOrder(c, jobId, afterSeq, limit, onlyFailed));
    }

    /** The arguments JSON array of one chunk, to report which argument failed. */
    public Optional<String> chunkArgs(String jobId, int chunkNo) {
        return database.read("read arguments of job " + jobId, c -> chunks.args(c, jobId, chunkNo));
    }

    /** The worker deaths recorded against one task, to show its attempts; empty if none. */
    public Optional<TaskAttempts> attempts(String jobId, long taskIndex) {
        return database.read("read attempts of job " + jobId, c -> attempts.find(c, jobId, taskIndex));
    }

    /** The worker deaths recorded against the tasks {@code fromIndex ..< toIndex}, in index order. */
    public List<TaskAttempts> attempts(String jobId, long fromIndex, long toIndex) {
        return database.read("read attempts of job " + jobId, c -> attempts.inRange(c, jobId, fromIndex, toIndex));
    }

    /** Chunks {@code fromChunk ..} of a job with at least one failed task, in chunk order. */
    public List<FailedChunk> chunksWithFailures(String jobId, int fromChunk, int limit) {
        return database.read("read failed tasks of job " + jobId,
                c -> chunks.withFailuresFrom(c, jobId, fromChunk, limit));
    }

    /**
     * For a job made of another's failed tasks: the index each task had there, as a JSON array.
     * Empty for a fresh job or none.
     */
    public Optional<String> sourceIndexes(String jobId) {
        return database.read("read source indexes of job " + jobId, c -> jobs.sourceIndexes(c, jobId));
    }

    /**
     * Tasks finished per interval of {@code bucketMillis} from {@code sinceMillis} on, by the
     * workers' clocks, in time order; empty intervals are left out.
     *
     * @param jobId one job's tasks; null for every job's
     */
    public List<TimeBucket> finishedPerBucket(String jobId, long sinceMillis, long bucketMillis) {
        return database.read("count finished tasks", c -> chunks.finishedPerBucket(c, jobId, sinceMillis, bucketMillis));
    }

    /** When the first and the last of a job's chunks finished (epoch ms), if any did. */
    public Optional<long[]> finishSpan(String jobId) {
        return database.read("read the finish times of job " + jobId, c -> chunks.finishSpan(c, jobId));
    }

    /** How long a job's tasks took, counted into {@code histogram}: each chunk's mean, per task. */
    public DurationHistogram taskDurations(String jobId, DurationHistogram histogram) {
        return database.read("read the task durations of job " + jobId, c -> {
            chunks.taskDurations(c, jobId, histogram);
            return histogram;
        });
    }

    /** Counts a death of the worker that ran task {@code taskIndex} and returns the totals. */
    public TaskAttempts recordDeath(String jobId, long taskIndex, boolean timedOut, String exit) {
        return database.inTransaction("record a worker death in job " + jobId,
                c -> attempts.recordDeath(c, jobId, taskIndex, timedOut, exit));
    }

    /**
     * Deletes a finished job and everything stored of it (chunks, arguments, outcomes, attempts).
     * A running job is left alone. A big job's chunks go first, {@value #CHUNKS_PER_TRANSACTION}
     * to a transaction, so that no transaction holds the store for long; the job's row goes last,
     * with its attempts, so a deletion cut short by a crash leaves the job, finished, to be
     * deleted again.
     */
    public JobDeletion delete(String jobId) {
        Optional<JobRow> job = job(jobId);
        if (job.isEmpty()) {
            return JobDeletion.UNKNOWN;
        }
        if (!job.get().state().isFinished()) {
            return JobDeletion.RUNNING;
        }
        // A finished job stays finished (its state is final), so its chunks may go before its row.
        int deleted;
        do {
            deleted = database.inTransaction("delete chunks of job " + jobId,
                    c -> chunks.deleteFirstOfJob(c, jobId, CHUNKS_PER_TRANSACTION));
        } while (deleted > 0);
        return database.inTransaction("delete job " + jobId, c -> {
            if (!jobs.deleteUnlessRunning(c, jobId)) {
                return jobs.find(c, jobId).isPresent() ? JobDeletion.RUNNING : JobDeletion.UNKNOWN;
            }
            chunks.deleteJob(c, jobId);
            attempts.deleteJob(c, jobId);
            return JobDeletion.DELETED;
        });
    }

    /**
     * Deletes up to {@code maxJobs} finished jobs whose retention has passed, as {@link #delete}
     * does, those that finished first first. A job's retention is its own if it carries one, else
     * {@code defaultRetention}; zero keeps a job forever. Measured from the job's finish time, by
     * this store's clock.
     *
     * @return the ids of the jobs deleted
     */
    public List<String> deleteExpired(Duration defaultRetention, int maxJobs) {
        long now = clock.millis();
        List<String> expired = database.read("find expired jobs",
                c -> jobs.expired(c, defaultRetention.toMillis(), now, maxJobs));
        List<String> deleted = new ArrayList<>();
        for (String id : expired) {
            if (delete(id) == JobDeletion.DELETED) {
                deleted.add(id);
            }
        }
        return deleted;
    }

    /**
     * Lets the database give the space of deleted rows back to new ones where it does not do so
     * by itself (see {@link Dialect#reclaimSpace}). Blocks for up to a few hundred milliseconds.
     */
    public void reclaimSpace() {
        database.read("reclaim the space of deleted jobs", c -> {
            database.dialect().reclaimSpace(c);
            return null;
        });
    }

    /** Moves a running job to a final state; false if it had already finished. */
    public boolean finish(String jobId, JobState state) {
        return database.inTransaction("finish job " + jobId,
                c -> jobs.move(c, jobId, JobState.RUNNING, state, clock.instant()));
    }

    @Override
    public void close() {
        database.close();
    }
}
