package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import java.util.List;
import java.util.Locale;

/** {@code /api/jobs}: submit, list, show and cancel jobs. Every handler blocks on the store. */
final class JobsResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1_000;
    /** Longer than any task name the store holds (VARCHAR(100)). */
    private static final int MAX_TASK_FILTER = 100;

    private final Engine engine;
    private final JsonCodec json;
    private final SubmissionValidator validator;
    private final JobViews views;

    JobsResource(Engine engine, JsonCodec json, SubmissionValidator validator, JobViews views) {
        this.engine = engine;
        this.json = json;
        this.validator = validator;
        this.views = views;
    }

    /** {@code POST /api/jobs}: 201 with the job and its Location; nothing is stored for a 400. */
    void submit(Context ctx) {
        JobRow stored = create(validator.validate(json.read(ctx, SubmitRequest.class)));
        ctx.header("Location", Paths.job(ctx, stored.id()));
        json.write(ctx, 201, views.view(stored));
    }

    /** Stores and starts a validated job (for the API and the submit form). Blocks on the store. */
    JobRow create(ValidatedJob job) {
        JobSignal signal = engine.submit(job.spec(), job.argsJson());
        JobRow stored = views.require(signal.jobId());
        if (stored.state().isFinished()) {
            engine.events().release(stored.id(), signal);
        }
        return stored;
    }

    /** {@code GET /api/jobs?state=RUNNING&task=TEXT&limit=50&before=CURSOR}: newest first. */
    void list(Context ctx) {
        JobState state = state(ctx.queryParam("state"));
        String task = task(ctx.queryParam("task"));
        int limit = Params.intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Long before = Params.cursor(ctx, "before");
        List<JobRow> rows = engine.jobs().jobsNewestFirst(state, task, before, limit + 1);
        boolean more = rows.size() > limit;
        List<JobRow> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Long.toString(page.get(page.size() - 1).seq()) : null;
        json.write(ctx, 200, new JobPage(views.views(page), next));
    }

    /** {@code GET /api/jobs/{id}}. */
    void show(Context ctx) {
        json.write(ctx, 200, views.detail(views.require(ctx.pathParam("id"))));
    }

    /** {@code POST /api/jobs/{id}/cancel}: a finished job is shown unchanged. */
    void cancel(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        if (!job.state().isFinished()) {
            engine.cancel(job.id());
            job = views.require(job.id());
        }
        json.write(ctx, 200, views.view(job));
    }

    /** {@code DELETE /api/jobs/{id}}: 204; 409 while it runs; everything of it leaves the store. */
    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        switch (engine.delete(id)) {
            case DELETED -> ctx.status(204);
            case RUNNING -> throw new ApiException(409, "job '" + id + "' is still running; cancel it first");
            case UNKNOWN -> throw ApiException.notFound("no job '" + id + "'");
        }
    }

    /** A part of a task name to look for; null (all jobs) for none or blank. */
    private static String task(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (given.length() > MAX_TASK_FILTER) {
            throw ApiException.badRequest("query parameter 'task' must be at most " + MAX_TASK_FILTER
                    + " characters, not " + given.length());
        }
        return given.strip();
    }

    /** A state filter as given in a query; null for none. @throws ApiException 400 for no such state */
    static JobState state(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state '" + given + "' is not one of " + List.of(JobState.values()));
        }
    }
}
