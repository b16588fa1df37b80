package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.engine.Engine;
import io.mqpool.engine.store.JobRow;
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
    private final ObjectMapper mapper;

    JobViews(Engine engine, Clock clock, ObjectMapper mapper) {
        this.engine = engine;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The job of that id. Blocks on the store. @throws ApiException 404 if there is none */
    JobRow require(String jobId) {
        return engine.jobs().job(jobId).orElseThrow(() -> ApiException.notFound("no job '" + jobId + "'"));
    }

    JobView view(JobRow job) {
        return JobView.of(job, runningTasks().getOrDefault(job.id(), 0L), clock.instant());
    }

    /** The view of one job on its own: with its source indexes if it retries another's failures. */
    JobView detail(JobRow job) {
        List<Long> sourceIndexes = job.retryOf() == null ? null
                : engine.jobs().sourceIndexes(job.id()).map(this::indexes).orElse(null);
        return JobView.of(job, runningTasks().getOrDefault(job.id(), 0L), clock.instant(), sourceIndexes);
    }

    private List<Long> indexes(String json) {
        try {
            return List.of(mapper.readValue(json, Long[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored source indexes are not a JSON array of numbers: "
                    + e.getOriginalMessage(), e);
        }
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
