package io.mqpool.web;

import io.mqpool.engine.Engine;
import io.mqpool.store.JobRow;
import io.mqpool.supervisor.CurrentChunk;
import io.mqpool.supervisor.WorkerView;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Makes {@link JobView}s from stored jobs and what the workers report they are running. */
final class JobViews {

    private final Engine engine;
    private final Clock clock;

    JobViews(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The job of that id. Blocks on the store. @throws ApiException 404 if there is none */
    JobRow require(String jobId) {
        return engine.store().job(jobId).orElseThrow(() -> ApiException.notFound("no job '" + jobId + "'"));
    }

    JobView view(JobRow job) {
        return JobView.of(job, runningTasks().getOrDefault(job.id(), 0L), clock.instant());
    }

    List<JobView> views(List<JobRow> jobs) {
        Map<String, Long> running = runningTasks();
        return jobs.stream().map(job -> JobView.of(job, running.getOrDefault(job.id(), 0L), clock.instant()))
                .toList();
    }

    /** Tasks in the chunks workers are busy with, per job. */
    private Map<String, Long> runningTasks() {
        Map<String, Long> running = new HashMap<>();
        for (WorkerView worker : engine.workers()) {
            CurrentChunk current = worker.current();
            if (current != null) {
                running.merge(current.jobId(), (long) current.size(), Long::sum);
            }
        }
        return running;
    }
}
