package io.mqpool.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mqpool.config.Durations;
import io.mqpool.engine.store.JobRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A job as the API shows it.
 *
 * @param mode lower case, as submitted
 * @param state upper case: RUNNING, COMPLETED, FAILED, CANCELLED or TIMED_OUT
 * @param total null while a lazily read input is still being read
 * @param running tasks in chunks that workers report busy with for this job
 * @param pending tasks neither done nor running
 * @param taskTimeout such as {@code 30s}; null for no limit
 * @param createdAt ISO-8601
 * @param finishedAt ISO-8601; null while running
 * @param elapsedMs from creation to finish, or to now while running
 * @param ratePerSecond tasks done per second of elapsed time
 * @param retryTimeouts whether a task past its task timeout is tried again, up to {@code retries}
 * @param maxInFlight the job's own bound on tasks on workers at once; null for none
 * @param retryOf the job whose failed tasks this one runs again; null for a fresh job
 * @param sourceIndexes with {@code retryOf}, in the view of one job: the index each task had in
 *     that job; left out of lists
 * @param retention the job's own retention once finished, such as {@code 720h}, {@code 0s} for
 *     forever; left out when the job follows the server's {@code jobs.retention}
 * @param priority {@code low}, {@code normal} or {@code high}
 */
record JobView(String id, String task, String mode, String state, Long total, long done, long failed,
               long running, Long pending, int chunksize, String taskTimeout, String timeout, int retries,
               String createdAt, String finishedAt, long elapsedMs, double ratePerSecond,
               boolean retryTimeouts, Integer maxInFlight, String retryOf,
               @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> sourceIndexes,
               @JsonInclude(JsonInclude.Include.NON_NULL) String retention, String priority) {

    static JobView of(JobRow job, long runningTasks, Instant now) {
        return of(job, runningTasks, now, null);
    }

    static JobView of(JobRow job, long runningTasks, Instant now, List<Long> sourceIndexes) {
        boolean finished = job.state().isFinished();
        long running = finished ? 0 : runningTasks;
        Long pending = job.totalTasks() == null ? null
                : Math.max(0, job.totalTasks() - job.tasksDone() - running);
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        long elapsed = Math.max(0, Duration.between(job.createdAt(), end).toMillis());
        double rate = elapsed == 0 ? 0 : Math.round(job.tasksDone() * 1000.0 * 1000 / elapsed) / 1000.0;
        return new JobView(job.id(), job.taskName(), job.mode().toLowerCase(Locale.ROOT), job.state().name(),
                job.totalTasks(), job.tasksDone(), job.tasksFailed(), running, pending, job.chunksize(),
                duration(job.taskTimeoutMillis()), duration(job.jobTimeoutMillis()), job.retries(),
                job.createdAt().toString(), job.finishedAt() == null ? null : job.finishedAt().toString(),
                elapsed, rate, job.retryTimeouts(), job.maxInFlight() == 0 ? null : job.maxInFlight(), job.retryOf(),
                sourceIndexes, job.retentionMillis() == null ? null
                        : Durations.format(Duration.ofMillis(job.retentionMillis())),
                job.priority().toLowerCase(Locale.ROOT));
    }

    private static String duration(long millis) {
        return millis <= 0 ? null : Durations.format(Duration.ofMillis(millis));
    }
}
