package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.FailedChunk;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.JobPriority;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/jobs/{id}/retry-failed} and {@code POST /api/jobs/retry-failed}: a new job of
 * exactly the failed tasks' arguments, in index order, with the old job's task and options.
 * Every handler blocks on the store; the failed arguments of a job are held in memory while its
 * new job is stored.
 */
final class RetryFailedResource {

    /** Chunks read from the store at a time while gathering failed tasks. */
    private static final int PAGE_CHUNKS = 500;
    private static final int MAX_IDS = 1_000;

    private final Engine engine;
    private final JsonCodec json;
    private final JobViews views;

    RetryFailedResource(Engine engine, JsonCodec json, JobViews views) {
        this.engine = engine;
        this.json = json;
        this.views = views;
    }

    /** 201 with the new job and its Location; 409 while the job runs or if none of its tasks failed. */
    void retryOne(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        Optional<String> refusal = refusal(job);
        if (refusal.isPresent()) {
            throw new ApiException(409, "job '" + job.id() + "' " + refusal.get());
        }
        JobRow retry = retry(job);
        ctx.header("Location", Paths.job(ctx, retry.id()));
        json.write(ctx, 201, views.detail(retry));
    }

    /** 200 with the new jobs and the skipped ones; 400 for a malformed body, nothing stored. */
    void retryMany(Context ctx) {
        RetryRequest request = json.read(ctx, RetryRequest.class);
        List<String> ids = ids(request);
        List<JobView> made = new ArrayList<>();
        List<RetryAnswer.Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            Optional<JobRow> job = engine.jobs().job(id);
            Optional<String> refusal = job.isEmpty() ? Optional.of("is not a known job") : refusal(job.get());
            if (refusal.isPresent()) {
                skipped.add(new RetryAnswer.Skipped(id, refusal.get()));
            } else {
                made.add(views.detail(retry(job.get())));
            }
        }
        json.write(ctx, 200, new RetryAnswer(made, skipped));
    }

    private static List<String> ids(RetryRequest request) {
        if (request.ids() == null || request.ids().isEmpty()) {
            throw ApiException.badRequest("field 'ids': give the ids of the jobs to retry, such as {\"ids\": [\"...\"]}");
        }
        if (request.ids().size() > MAX_IDS) {
            throw ApiException.badRequest("field 'ids': at most " + MAX_IDS + " jobs at once, not "
                    + request.ids().size());
        }
        Set<String> seen = new HashSet<>();
        for (String id : request.ids()) {
            if (id == null || id.isBlank()) {
                throw ApiException.badRequest("field 'ids': every id must be a non-empty string");
            }
            if (!seen.add(id)) {
                throw ApiException.badRequest("field 'ids': job '" + id + "' is listed twice");
            }
        }
        return request.ids();
    }

    /** Why a job cannot be retried, if it cannot. */
    static Optional<String> refusal(JobRow job) {
        if (job.state() == JobState.RUNNING) {
            return Optional.of("is still running");
        }
        if (job.tasksFailed() == 0) {
            return Optional.of("has no failed task");
        }
        return Optional.empty();
    }

    /** Stores and starts the new job of {@code job}'s failed tasks (for the API and the pages). */
    JobRow retry(JobRow job) {
        FailedTasks failed = new FailedTasks(json.mapper());
        int from = 0;
        List<FailedChunk> page;
        do {
            page = engine.jobs().chunksWithFailures(job.id(), from, PAGE_CHUNKS);
            for (FailedChunk chunk : page) {
                failed.add(job.id(), chunk);
            }
            from = page.isEmpty() ? from : page.get(page.size() - 1).chunkNo() + 1;
        } while (page.size() == PAGE_CHUNKS);
        JobSpec spec = new JobSpec(job.taskName(), JobMode.valueOf(job.mode()), job.chunksize(),
                job.taskTimeoutMillis(), job.jobTimeoutMillis(), job.retries(), job.maxInFlight(),
                job.retryTimeouts(), job.retentionMillis(), JobPriority.valueOf(job.priority()));
        JobSignal signal = engine.resubmit(spec, failed.args(), job.id(), failed.indexes());
        JobRow stored = views.require(signal.jobId());
        if (stored.state().isFinished()) {
            engine.events().release(stored.id(), signal);
        }
        return stored;
    }
}
