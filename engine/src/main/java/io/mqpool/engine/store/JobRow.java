package io.mqpool.engine.store;

import java.time.Instant;

/**
 * A job as stored.
 *
 * @param totalTasks null while a lazily read input is still being read
 * @param totalChunks null likewise
 * @param tasksDone tasks with an outcome of any kind
 * @param finishedAt null while running
 * @param seq the order jobs were accepted in: higher is newer
 * @param retryTimeouts whether a task past its task timeout is tried again, up to {@code retries}
 * @param maxInFlight the job's own bound on tasks ahead at once; 0 for none
 * @param retryOf the job whose failed tasks this one runs again; null for a fresh job
 * @param retentionMillis how long the job is kept once finished, its own; 0 forever, null for
 *     the server's setting
 * @param priority {@code LOW}, {@code NORMAL} or {@code HIGH}, as {@code JobPriority} names them
 */
public record JobRow(String id, String taskName, String mode, JobState state, int chunksize,
                     long taskTimeoutMillis, long jobTimeoutMillis, int retries, Long totalTasks,
                     Integer totalChunks, int chunksSent, long tasksDone, long tasksFailed,
                     Instant createdAt, Instant finishedAt, long seq, boolean retryTimeouts,
                     int maxInFlight, String retryOf, Long retentionMillis, String priority) {

    /** True once the input has been read to its end and every task has an outcome. */
    public boolean allTasksDone() {
        return totalTasks != null && tasksDone >= totalTasks;
    }

    /** The state the job ends in once every task has an outcome: FAILED if any failed, else COMPLETED. */
    JobState endState() {
        return tasksFailed > 0 ? JobState.FAILED : JobState.COMPLETED;
    }
}
