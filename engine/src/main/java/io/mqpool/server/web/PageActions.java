package io.mqpool.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.mqpool.engine.Engine;
import io.mqpool.engine.store.JobRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The page forms' actions other than submit: cancel, re-run failed, delete, scale. Each answers
 * 303 to the page that shows its effect. The CSRF token and read-only mode were checked before.
 */
final class PageActions {

    /** As many as {@code POST /api/jobs/retry-failed} takes at once. */
    private static final int MAX_SELECTED = 1_000;

    private final Engine engine;
    private final JobViews views;
    private final RetryFailedResource retry;
    private final UiSettings ui;

    PageActions(Engine engine, JobViews views, RetryFailedResource retry, UiSettings ui) {
        this.engine = engine;
        this.views = views;
        this.retry = retry;
        this.ui = ui;
    }

    /** {@code POST /jobs/{id}/cancel}: blocks until the job reports cancelled. */
    void cancel(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        if (!job.state().isFinished()) {
            engine.cancel(job.id());
        }
        ctx.redirect(ui.to("/jobs/" + job.id()), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /jobs/{id}/retry-failed}: lands on the new job's page; 409 while running or without failures. */
    void retryFailed(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        Optional<String> refusal = RetryFailedResource.refusal(job);
        if (refusal.isPresent()) {
            throw new ApiException(409, "job '" + job.id() + "' " + refusal.get());
        }
        ctx.redirect(ui.to("/jobs/" + retry.retry(job).id()), HttpStatus.SEE_OTHER);
    }

    /**
     * {@code POST /jobs/retry-failed} with {@code ids}: the jobs page's bulk action. Jobs that
     * cannot be retried are skipped; one new job lands on its page, several on the jobs page.
     */
    void retryFailedOfSelected(Context ctx) {
        List<String> ids = ctx.formParams("ids");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("select at least one job to re-run its failed tasks");
        }
        List<String> made = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String id : ids.stream().distinct().limit(MAX_SELECTED).toList()) {
            Optional<JobRow> job = engine.jobs().job(id);
            Optional<String> refusal = job.isEmpty() ? Optional.of("is not a known job")
                    : RetryFailedResource.refusal(job.get());
            if (refusal.isPresent()) {
                skipped.add("job '" + id + "' " + refusal.get());
            } else {
                made.add(retry.retry(job.get()).id());
            }
        }
        if (made.isEmpty()) {
            throw new ApiException(409, "nothing to re-run: " + String.join("; ", skipped));
        }
        ctx.redirect(ui.to(made.size() == 1 ? "/jobs/" + made.get(0) : "/jobs"), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /jobs/{id}/delete}: lands on the jobs page; 409 while the job runs. */
    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        switch (engine.delete(id)) {
            case DELETED -> ctx.redirect(ui.to("/jobs"), HttpStatus.SEE_OTHER);
            case RUNNING -> throw new ApiException(409, "job '" + id + "' is still running; cancel it first");
            case UNKNOWN -> throw ApiException.notFound("no job '" + id + "'");
        }
    }

    /** {@code POST /workers/scale} with {@code count}: blocks while new workers start. */
    void scale(Context ctx) {
        String given = ctx.formParam("count");
        int count;
        try {
            count = Integer.parseInt(given == null ? "" : given.strip());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > WorkersResource.MAX_WORKERS) {
            throw ApiException.badField("count", "the number of workers must be a whole number from 1 to "
                    + WorkersResource.MAX_WORKERS + ", not '" + given + "'");
        }
        engine.scaleWorkers(count);
        ctx.redirect(ui.to("/workers"), HttpStatus.SEE_OTHER);
    }
}
