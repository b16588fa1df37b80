package io.mqpool.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.mqpool.engine.Engine;
import io.mqpool.store.JobRow;

/**
 * The page forms' actions other than submit: cancel, re-run failed, delete, scale. Each answers
 * 303 to the page that shows its effect. The CSRF token and read-only mode were checked before.
 */
final class PageActions {

    private final Engine engine;
    private final JobViews views;
    private final UiSettings ui;

    PageActions(Engine engine, JobViews views, UiSettings ui) {
        this.engine = engine;
        this.views = views;
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

    /** {@code POST /jobs/{id}/retry-failed}: lands on the new job's page. */
    void retryFailed(Context ctx) {
        views.require(ctx.pathParam("id"));
        throw new ApiException(501, "re-running failed tasks is not available on this server yet");
    }

    /** {@code POST /jobs/retry-failed} with {@code ids}: the jobs page's bulk action. */
    void retryFailedOfSelected(Context ctx) {
        throw new ApiException(501, "re-running failed tasks is not available on this server yet");
    }

    /** {@code POST /jobs/{id}/delete}: lands on the jobs page. */
    void delete(Context ctx) {
        views.require(ctx.pathParam("id"));
        throw new ApiException(501, "deleting jobs is not available on this server yet");
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
